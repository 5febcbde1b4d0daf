// Content hashes (step reuse keys, lineage's environment and data hashes) are SHA-256 of this text, so it must
// never change for a given value.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** JSON with object keys sorted at every level and no whitespace: equal values give equal text. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${value} has no JSON form.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(",")}}`;
}
