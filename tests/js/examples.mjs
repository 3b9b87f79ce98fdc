// Turns documentation examples into checked code. A statement that ends in a value comment is asserted:
//   t.day.allowedSeconds; // 86.4             → the expression must equal 86.4 (to 1e-9, relative)
//   console.log(x.code); // "out_of_range"    → a lone console.log argument is checked the same way
//   e.message; // "...write 0.999 for 99.9%." → a string starting with "..." is checked as a suffix
// Anything after the value, such as "(43 min 50 s)", is commentary. Every other line runs as written.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const NOT_AN_EXPRESSION = /^(const|let|var|import|export|if|for|while|try|catch|finally|return|throw|function|class|await)\b|^[{}]/;

/** Split a line into its code and its trailing // comment, ignoring // inside string literals. */
function splitComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "/" && line[i + 1] === "/") return { code: line.slice(0, i), comment: line.slice(i + 2) };
  }
  return { code: line, comment: "" };
}

/** Whether `s` has a comma outside brackets and strings (several console.log arguments). */
function hasTopLevelComma(s) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    else if (ch === "," && depth === 0) return true;
  }
  return false;
}

function parseExpected(comment) {
  const c = comment.trim();
  let m = c.match(/^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:\s|$)/i);
  if (m) return { value: Number(m[1]) };
  m = c.match(/^"((?:[^"\\]|\\.)*)"\s*(?:\(.*\))?$/);
  if (m) return { value: JSON.parse(`"${m[1]}"`) };
  m = c.match(/^(true|false|null)\s*(?:\(.*\))?$/);
  if (m) return { value: JSON.parse(m[1]) };
  return null;
}

/** The example with a __check(...) call in place of each statement that documents its value. */
export function instrument(code, label) {
  const out = [];
  let pending = [];
  for (const line of code.split("\n")) {
    const { code: part, comment } = splitComment(line);
    pending.push(part);
    if (!part.trimEnd().endsWith(";")) continue;
    const raw = pending.join("\n");
    pending = [];
    const expected = comment ? parseExpected(comment) : null;
    let expr = raw.trim().replace(/;$/, "");
    const log = expr.match(/^console\.log\(([\s\S]*)\)$/);
    if (log) expr = hasTopLevelComma(log[1]) ? "" : log[1];
    if (expected && expr && !NOT_AN_EXPRESSION.test(expr)) {
      out.push(`__check((${expr}), ${JSON.stringify(expected.value)}, ${JSON.stringify(`${label}: ${expr}`)});`);
    } else {
      out.push(raw);
    }
  }
  out.push(pending.join("\n"));
  return out.join("\n");
}

export const PRELUDE = `function __check(actual, expected, where) {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))) return;
  } else if (typeof expected === "string" && expected.startsWith("...") && typeof actual === "string") {
    if (actual.endsWith(expected.slice(3))) return;
  } else if (Object.is(actual, expected)) return;
  throw new Error(\`documented value is wrong: \${where} is \${JSON.stringify(actual)}, the docs say \${JSON.stringify(expected)}\`);
}
`;

/** Write `source` as an ES module inside the repository (so "opscore" resolves as for a user) and import it. */
export async function runModule(root, name, source) {
  const dir = join(root, "tests", "js", ".readme");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  await import(pathToFileURL(file).href);
}
