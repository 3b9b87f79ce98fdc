// Imported data, kept in this browser's IndexedDB (typed arrays stored as they are). Nothing is ever sent
// anywhere: the page has no server to send it to, and its Content-Security-Policy allows no other origin.
const DB = "opscore";
const STORE = "imports";

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error("aborted"));
    });
  } finally {
    db.close();
  }
}

/** Save one dataset `{id, …}`. */
export const putDataset = (record) => tx("readwrite", (s) => s.put(record));
/** The dataset with this id, or undefined. */
export const getDataset = (id) => tx("readonly", (s) => s.get(id));
/** Remove a dataset. */
export const deleteDataset = (id) => tx("readwrite", (s) => s.delete(id));
/** Every stored dataset id. */
export const datasetIds = () => tx("readonly", (s) => s.getAllKeys());
