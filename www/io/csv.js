// CSV reading and writing (RFC 4180: quoted fields, doubled quotes, CR/LF/CRLF line ends, newlines inside quotes,
// an optional byte-order mark). Reading keeps each record's line number, so errors can point at it.

/**
 * Split CSV text into records. Returns `{records: [{line, cells}], problems: [{line, message}]}` where `line` is
 * the 1-based line on which the record starts. Blank lines are skipped. The delimiter is "," unless the first
 * line has more ";" or tabs than commas (spreadsheets in many locales write ";").
 */
export function readCsv(text) {
  let s = String(text);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const firstLine = s.slice(0, s.search(/\r|\n|$/));
  const count = (ch) => firstLine.split(ch).length - 1;
  const delim = [",", ";", "\t"].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ",");
  const records = [];
  const problems = [];
  let cells = [];
  let field = "";
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const endField = () => {
    cells.push(wasQuoted ? field : field.trim());
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: startLine, cells });
    cells = [];
  };
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === "\n" || (c === "\r" && s[i + 1] !== "\n")) line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
      i++;
    } else if (c === delim) {
      endField();
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
      line++;
      startLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) problems.push({ line: startLine, message: "A quoted field is never closed (a missing \" character)." });
  if (field !== "" || cells.length > 0 || wasQuoted) endRecord();
  return { records, problems, delimiter: delim };
}

/**
 * Quote one value for CSV output. Numbers keep 10 significant digits (enough for any measure here, and free of
 * binary noise such as 8.64000000000864); text that a spreadsheet would run as a formula is prefixed with '.
 */
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(10))) : "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows (arrays of values) with a header → CSV text with CRLF line ends. */
export function writeCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
