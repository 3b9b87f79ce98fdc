// Import limits, shared by the page (which refuses big files before reading them) and the worker.

/** Files above this size are refused before reading. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Rows shown in an import's preview table. */
export const PREVIEW_ROWS = 20;
