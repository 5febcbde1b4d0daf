import { MAX_COLUMNS, MAX_VALUE_CHARS, uniqueNames } from "@/lib/monitoring/flat-table";

// Feature names for collected columns (design note C2, "Names at read time"). Collected lines keep the raw
// names flattening gave (`input_2`); a deployment's featureNames map ({raw: name}) is applied when the data
// is read, so a wrong map can be fixed afterwards. A positional tensor such as iris's [N, 4] gets its map
// from the baseline's columns in order, the target left out: input_2 → petal_length_cm.

export type FeatureNameMap = Readonly<Record<string, string>>;
export type FeatureNamesResult = { map: Record<string, string> } | { error: string };

const POSITIONAL = /^(.*)_(\d+)$/;

/**
 * Display names of raw columns: mapped where the map names them, raw otherwise. A name given twice (a map
 * checkFeatureNames would refuse) gets a suffix, so columns never merge.
 */
export function applyFeatureNames(columns: readonly string[], map: FeatureNameMap | null | undefined): string[] {
  if (!map) return [...columns];
  return uniqueNames(columns.map((c) => (Object.hasOwn(map, c) ? map[c] : c)));
}

/** Raw columns that are one positional tensor: `<prefix>_0 … <prefix>_{k−1}`, in order; else null. */
export function positionalColumns(columns: readonly string[]): { prefix: string; width: number } | null {
  if (columns.length === 0) return null;
  const first = POSITIONAL.exec(columns[0]);
  if (!first) return null;
  const prefix = first[1];
  for (let i = 0; i < columns.length; i++) if (columns[i] !== `${prefix}_${i}`) return null;
  return { prefix, width: columns.length };
}

function span(prefix: string, width: number): string {
  return width === 1 ? `${prefix}_0` : `${prefix}_0 … ${prefix}_${width - 1}`;
}

/** A map naming positional columns in order; refused when the number of names is not their width. */
export function positionalMap(columns: readonly string[], names: readonly string[]): FeatureNamesResult {
  const positional = positionalColumns(columns);
  if (!positional)
    return {
      error: `The collected columns (${columns.join(", ") || "none"}) are not one positional list to name in order.`,
    };
  const { prefix, width } = positional;
  if (names.length !== width)
    return {
      error: `${names.length} names were given for ${width} positional values (${span(prefix, width)}); give exactly ${width}.`,
    };
  const map = Object.fromEntries(columns.map((c, i) => [c, names[i]]));
  return checkFeatureNames(map, columns);
}

/**
 * The map a monitor fills in when it is created: the baseline's columns in order, its target column left
 * out, for collected columns that are one positional tensor of the same width.
 */
export function featureNamesFromBaseline(
  columns: readonly string[],
  baselineColumns: readonly string[],
  targetColumn?: string | null,
): FeatureNamesResult {
  const positional = positionalColumns(columns);
  if (!positional) return { error: "The collected columns are named by the requests themselves; they need no map." };
  if (targetColumn && !baselineColumns.includes(targetColumn))
    return { error: `The baseline has no column "${targetColumn}"; its columns are ${baselineColumns.join(", ")}.` };
  const features = targetColumn ? baselineColumns.filter((c) => c !== targetColumn) : [...baselineColumns];
  const { prefix, width } = positional;
  if (features.length !== width) {
    const besides = targetColumn ? ` besides the target "${targetColumn}"` : "";
    const next = targetColumn ? "Give the names yourself." : "Name its target column, or give the names yourself.";
    return {
      error: `The requests hold ${width} positional values (${span(prefix, width)}), but the baseline has ${features.length} columns${besides} (${features.join(", ")}). ${next}`,
    };
  }
  return positionalMap(columns, features);
}

/**
 * Checks a map someone gives: names of at most 200 characters, each used once, and, when the collected
 * columns are known, keys among them and no name that another, unmapped column already has. A list of
 * names is taken as the names of positional columns in order.
 */
export function checkFeatureNames(map: unknown, columns?: readonly string[]): FeatureNamesResult {
  if (Array.isArray(map)) {
    if (!columns) return { error: "A list of names needs the collected columns to be matched in order." };
    if (!map.every((n) => typeof n === "string")) return { error: "The feature names must be texts." };
    return positionalMap(columns, map);
  }
  if (typeof map !== "object" || map === null)
    return {
      error: 'The feature names must be an object of collected column to name ({"input_2": "petal_length_cm"}).',
    };
  const entries = Object.entries(map);
  if (entries.length > MAX_COLUMNS) return { error: `At most ${MAX_COLUMNS} features can be named.` };
  const seen = new Map<string, string>();
  for (const [raw, name] of entries) {
    if (typeof name !== "string" || name.trim() === "")
      return { error: `The name of "${raw}" must be a non-empty text.` };
    if (name.length > MAX_VALUE_CHARS)
      return { error: `The name of "${raw}" is longer than ${MAX_VALUE_CHARS} characters.` };
    const other = seen.get(name);
    if (other !== undefined) return { error: `"${other}" and "${raw}" are both named "${name}".` };
    seen.set(name, raw);
  }
  if (columns) {
    const unknown = entries.map(([raw]) => raw).filter((raw) => !columns.includes(raw));
    if (unknown.length) {
      const positional = positionalColumns(columns);
      const held = positional
        ? `${positional.width} positional values (${span(positional.prefix, positional.width)})`
        : `the columns ${columns.join(", ")}`;
      return { error: `The map names ${unknown.join(", ")}, but the requests hold ${held}.` };
    }
    const clash = columns.find((c) => !Object.hasOwn(map, c) && seen.has(c));
    if (clash !== undefined)
      return { error: `"${seen.get(clash)}" cannot be named "${clash}": another column has that name.` };
  }
  return { map: Object.fromEntries(entries) as Record<string, string> };
}

/** A map as a deployment stores it (JSON text), or null when there is none or it is not an object. */
export function featureNameMap(text: string | null): Record<string, string> | null {
  if (!text) return null;
  try {
    const map = JSON.parse(text) as unknown;
    return map && typeof map === "object" && !Array.isArray(map) ? (map as Record<string, string>) : null;
  } catch {
    return null;
  }
}
