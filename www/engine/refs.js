// References from the page to data the worker holds, so a what-if call sends a few bytes, not megabytes:
// `{$ref: "org/services/checkout/sli"}` anywhere in an input is replaced, before the engine sees it, by the value
// at that path. The first segment names a root ("org": the sample organisation; "imports": imported datasets by
// id; "current": teams and SLA series with imported data merged, engine/org-sources.js); in a list, a segment picks the item whose `id` matches, or the item at a numeric index.

/** Replace every `{$ref}` in `input` using `roots`; throws an OpscoreError-shaped `unknown_reference` error. */
export function resolveRefs(input, roots, path = "") {
  if (input === null || typeof input !== "object" || ArrayBuffer.isView(input)) return input;
  if (Array.isArray(input)) return input.map((v, i) => resolveRefs(v, roots, `${path}[${i}]`));
  const keys = Object.keys(input);
  if (keys.length === 1 && keys[0] === "$ref") return lookup(input.$ref, roots, path);
  const out = {};
  for (const k of keys) out[k] = resolveRefs(input[k], roots, path ? `${path}.${k}` : k);
  return out;
}

function lookup(ref, roots, path) {
  const fail = (why) => {
    throw Object.assign(new Error(`The reference ${JSON.stringify(ref)} ${why}.`), { name: "OpscoreError", code: "unknown_reference", path });
  };
  if (typeof ref !== "string" || ref === "") fail("is not a path");
  const [root, ...segments] = ref.split("/");
  if (!Object.hasOwn(roots, root) || roots[root] === null || roots[root] === undefined) fail(`names no loaded data ("${root}")`);
  let v = roots[root];
  for (const seg of segments) {
    if (Array.isArray(v)) {
      const byId = v.find((x) => x && typeof x === "object" && x.id === seg);
      v = byId ?? (/^\d+$/.test(seg) ? v[Number(seg)] : undefined);
    } else if (v && typeof v === "object" && !ArrayBuffer.isView(v) && Object.hasOwn(v, seg)) {
      v = v[seg];
    } else v = undefined;
    if (v === undefined) fail(`has no "${seg}"`);
  }
  return v;
}
