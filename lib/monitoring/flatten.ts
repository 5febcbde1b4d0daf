import {
  MAX_ROWS,
  TableBuilder,
  failureOf,
  isRecord,
  isScalar,
  jsonCell,
  listDepth,
  scalarOf,
  uniqueNames,
  type FlatError,
  type Flattened,
} from "@/lib/monitoring/flat-table";

export {
  MAX_COLUMNS,
  MAX_ROWS,
  MAX_VALUE_CHARS,
  type FlatTable,
  type FlatValue,
  type Flattened,
} from "@/lib/monitoring/flat-table";
export { flattenResponse } from "@/lib/monitoring/flatten-answer";

// Scoring requests and answers as feature columns (design note C2), pure so the scoring workers flatten
// at flush time and tests need nothing else. The first shape that matches wins:
// 1. pandas split: {"dataframe_split": {columns, data[, index]}} or {"columns": […], "data": [[…]]} (the
//    batch host's body); names are the columns, the index is not a feature.
// 2. records: {"dataframe_records": [{…}]}, a bare [{…}], {"instances"|"inputs"|"data": [{…}]}; names are
//    the union of keys in first-seen order, a missing key is null.
// 3. named inputs {"inputs": {name: tensor|list}} (ONNX, MLflow columnar): rows are the first dimension.
// 4. positional {"data"|"instances"|"inputs": [[…]]} or a bare [[…]]: `<onnxInput>_<i>`, `<key>_<i>`, `col_<i>`.
// 5. anything else (an entry script's own JSON): one row, nested keys as dotted paths.
// Raw names are kept: the deployment's featureNames map is applied when the data is read (feature-names.ts).

export type FlattenHints = {
  /** The ONNX model's input names: with one input, positional rows are named after it (`input_2`). */
  onnxInputs?: readonly string[];
  /** Dimensions of each ONNX input, batch included: a value one level shallower is a single row. */
  inputRanks?: Readonly<Record<string, number>>;
};

const POSITIONAL_KEYS = ["instances", "inputs", "data"] as const;

export function flattenRequest(body: unknown, hints: FlattenHints = {}): Flattened {
  try {
    return requestTable(body, hints);
  } catch (error) {
    return failureOf(error);
  }
}

function requestTable(body: unknown, hints: FlattenHints): Flattened {
  if (body === undefined || body === null) return { error: "The request has no body, or null: no values." };
  if (Array.isArray(body)) return fromList(body, "", hints);
  if (!isRecord(body)) {
    // A bare JSON value, as an entry script may take text: one row of one value.
    const builder = new TableBuilder();
    builder.startRow();
    builder.setAt(builder.columnOf("value"), jsonCell(body));
    return builder.table(1, "The request holds no value.");
  }
  if ("dataframe_split" in body) return fromSplit(body.dataframe_split, "dataframe_split");
  if ("dataframe_records" in body) return fromRecords(body.dataframe_records, "dataframe_records");
  if (Array.isArray(body.columns) && Array.isArray(body.data)) return fromSplit(body, "data");
  for (const key of POSITIONAL_KEYS) {
    if (!(key in body)) continue;
    const value = body[key];
    if (key === "inputs" && isRecord(value)) return fromNamed(value, hints);
    if (Array.isArray(value)) return fromList(value, key, hints, primaryKeyOf(body));
  }
  return fromObject(body);
}

/** pandas `table` orient ({"schema": {"primaryKey": ["index"]}, "data": records}): the index is not a feature. */
function primaryKeyOf(body: Record<string, unknown>): Set<string> {
  const schema = body.schema;
  if (!isRecord(schema) || !Array.isArray(schema.primaryKey)) return new Set();
  return new Set(schema.primaryKey.filter((k): k is string => typeof k === "string"));
}

function fromList(list: unknown[], key: string, hints: FlattenHints, exclude = new Set<string>()): Flattened {
  if (list.length === 0) return { error: `${where(key)} is an empty list: no rows.` };
  if (isRecord(list[0])) return fromRecords(list, key, exclude);
  return fromPositional(list, key, hints);
}

function where(key: string): string {
  return key === "" ? "The request" : `"${key}"`;
}

function fromRecords(list: unknown, key: string, exclude = new Set<string>()): Flattened {
  if (!Array.isArray(list)) return { error: `"${key}" must be a list of records.` };
  if (list.length === 0) return { error: `${where(key)} is an empty list: no rows.` };
  const builder = new TableBuilder();
  const kept = Math.min(list.length, MAX_ROWS);
  for (let r = 0; r < kept; r++) {
    const record = list[r];
    if (!isRecord(record))
      return {
        error: `Item ${r} of ${key === "" ? "the request" : `"${key}"`} is not a record like the ones before it.`,
      };
    builder.startRow();
    for (const name in record) if (!exclude.has(name)) builder.spread(record[name], name, 1);
  }
  return builder.table(list.length, `The records of ${where(key)} hold no values.`);
}

function fromSplit(split: unknown, key: string): Flattened {
  if (!isRecord(split) || !Array.isArray(split.data))
    return { error: `"${key}" must be an object with "columns" and "data" (pandas split orient).` };
  const { columns, data } = split;
  if (columns === undefined) return fromPositional(data, "", {});
  if (!Array.isArray(columns)) return { error: `The "columns" of "${key}" must be a list of names.` };
  if (data.length === 0) return { error: `The "data" of "${key}" is an empty list: no rows.` };
  const names = uniqueNames(columns.map((c) => (typeof c === "string" ? c : (JSON.stringify(c) ?? ""))));
  const builder = new TableBuilder();
  const index: number[] = [];
  const kept = Math.min(data.length, MAX_ROWS);
  for (let r = 0; r < kept; r++) {
    const row = data[r];
    if (!Array.isArray(row)) return { error: `Row ${r} of "${key}" is not a list of values.` };
    if (row.length > names.length)
      return { error: `Row ${r} of "${key}" has ${row.length} values for ${names.length} columns.` };
    builder.startRow();
    for (let i = 0; i < row.length; i++) {
      const cell = scalarOf(row[i]);
      if (isScalar(cell)) builder.setAt((index[i] ??= builder.columnOf(names[i])), cell);
      else builder.spread(row[i], names[i], 1);
    }
  }
  return builder.table(data.length, `The rows of "${key}" hold no values.`);
}

/** Rows of a positional list: a flat list is one row, except MLflow's row formats (one instance each). */
function positionalRows(list: unknown[], key: string, rank: number | undefined): unknown[] | FlatError {
  if (rank !== undefined && rank > 0 && listDepth(list) === rank - 1) return [list];
  const isFlat = !Array.isArray(list[0]);
  for (let r = 0; r < list.length; r++) {
    if (Array.isArray(list[r]) === isFlat)
      return { error: `${where(key)} mixes lists and single values (item ${r}); rows must all be lists.` };
  }
  if (!isFlat) return list;
  return key === "instances" || key === "inputs" ? list.map((v) => [v]) : [list];
}

function fromPositional(list: unknown[], key: string, hints: FlattenHints): Flattened {
  if (list.length === 0) return { error: `${where(key)} is an empty list: no rows.` };
  const onnxInput = hints.onnxInputs?.length === 1 ? hints.onnxInputs[0] : undefined;
  const prefix = onnxInput ?? (key === "" ? "col" : key);
  const rows = positionalRows(list, key, onnxInput === undefined ? undefined : hints.inputRanks?.[onnxInput]);
  if (!Array.isArray(rows)) return rows;
  const builder = new TableBuilder();
  const index: number[] = [];
  const kept = Math.min(rows.length, MAX_ROWS);
  for (let r = 0; r < kept; r++) {
    const row = rows[r] as unknown[];
    builder.startRow();
    for (let i = 0; i < row.length; i++) {
      const cell = scalarOf(row[i]);
      if (isScalar(cell)) builder.setAt((index[i] ??= builder.columnOf(`${prefix}_${i}`)), cell);
      else builder.spread(row[i], `${prefix}_${i}`, 1);
    }
  }
  return builder.table(rows.length, `The rows of ${where(key).toLowerCase()} hold no values.`);
}

function fromNamed(inputs: Record<string, unknown>, hints: FlattenHints): Flattened {
  const names = Object.keys(inputs);
  if (names.length === 0) return { error: '"inputs" names no input.' };
  const columns = names.map((name) => {
    const value = inputs[name];
    const rank = hints.inputRanks?.[name];
    if (!Array.isArray(value)) return [value];
    return rank !== undefined && rank > 0 && listDepth(value) === rank - 1 ? [value] : value;
  });
  const counts = columns.map((c) => c.length);
  if (counts.some((n) => n !== counts[0]))
    return {
      error: `The inputs hold different numbers of rows (${names.map((n, i) => `${n}: ${counts[i]}`).join(", ")}), so they do not form one table.`,
    };
  if (counts[0] === 0) return { error: "The inputs are empty lists: no rows." };
  const builder = new TableBuilder();
  const kept = Math.min(counts[0], MAX_ROWS);
  for (let r = 0; r < kept; r++) {
    builder.startRow();
    for (let k = 0; k < names.length; k++) {
      builder.owner = names[k];
      builder.spread(columns[k][r], names[k], 1);
    }
  }
  const table = builder.table(counts[0], "The inputs hold no values.");
  if ("error" in table) return table;
  // An [N, 1] input is one feature: `name`, not `name_0`.
  for (const name of names) {
    const own = builder.owners.flatMap((owner, i) => (owner === name ? [i] : []));
    if (own.length === 1 && table.columns[own[0]] === `${name}_0`) table.columns[own[0]] = name;
  }
  return table;
}

function fromObject(body: Record<string, unknown>): Flattened {
  const builder = new TableBuilder();
  builder.startRow();
  for (const key in body) builder.spread(body[key], key, 1);
  return builder.table(1, "The request is an empty object: no values.");
}
