import {
  MAX_DEPTH,
  MAX_ROWS,
  TableBuilder,
  failureOf,
  isRecord,
  isScalar,
  jsonCell,
  scalarOf,
  type Flattened,
} from "@/lib/monitoring/flat-table";

// What a deployment answered, as output columns beside the request's feature columns (design note C2).
// Named as the batch host names its prediction columns, so a monitor reads online and batch outputs alike.

/**
 * The answer to a request of `rowCount` rows (the request's totalRows) as output columns, named as the
 * batch host names prediction columns (batch-output.mjs predictionColumns), so online and batch agree:
 * a list of n values is `prediction`, of n lists `prediction_<i>`; an object's entries holding n values are
 * `<key>` or `<key>_<i>` (ONNX outputs by name), other entries are left out. Beyond batch: for a one-row
 * request a plain value is its row; nested objects give dotted names; an answer that is JSON text is read.
 */
export function flattenResponse(body: unknown, rowCount: number): Flattened {
  if (!Number.isInteger(rowCount) || rowCount < 1)
    return { error: `The request had ${rowCount} rows, so its answer cannot be split into rows.` };
  try {
    return answerTable(jsonText(body), rowCount);
  } catch (error) {
    return failureOf(error);
  }
}

/** Entry scripts often answer json.dumps(result): a JSON string holding an object or a list. */
function jsonText(body: unknown): unknown {
  if (typeof body !== "string" || !/^\s*[[{]/.test(body)) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function answerTable(body: unknown, n: number): Flattened {
  const builder = new TableBuilder();
  const kept = Math.min(n, MAX_ROWS);
  for (let r = 0; r < kept; r++) builder.startRow();
  const fits = (value: unknown) => addColumns(builder, "prediction", value, n, kept);
  if (Array.isArray(body)) {
    if (!fits(body)) return { error: `The answer is a list of ${body.length} values for ${n} rows: not one per row.` };
  } else if (isRecord(body)) {
    addEntries(builder, body, "", n, kept, 1);
  } else if (!fits(body)) {
    return { error: `The answer is a single value for ${n} rows: not one per row.` };
  }
  const keys = isRecord(body) ? Object.keys(body).join(", ") || "none" : "";
  return builder.table(
    n,
    `No entry of the answer (${keys}) holds one value per row (${n} row${n === 1 ? " was" : "s were"} sent).`,
  );
}

function addEntries(
  builder: TableBuilder,
  body: Record<string, unknown>,
  prefix: string,
  n: number,
  kept: number,
  depth: number,
) {
  for (const key in body) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    const value = body[key];
    if (addColumns(builder, name, value, n, kept)) continue;
    if (depth < MAX_DEPTH && isRecord(value)) addEntries(builder, value, name, n, kept, depth + 1);
  }
}

/** Adds the columns of a value holding one entry per row; false when it does not. */
function addColumns(builder: TableBuilder, name: string, value: unknown, n: number, kept: number): boolean {
  let values: unknown[];
  if (Array.isArray(value) && value.length === n) values = value;
  else if (n === 1 && isScalar(scalarOf(value))) values = [value];
  else if (n === 1 && Array.isArray(value) && value.length > 0 && value.every((v) => isScalar(scalarOf(v))))
    values = [value]; // one row answered without its batch dimension
  else return false;
  const rows = builder.rows;
  if (values.length > 0 && values.every((v) => Array.isArray(v))) {
    let width = 0;
    for (const v of values) width = Math.max(width, (v as unknown[]).length);
    for (let i = 0; i < width; i++) {
      const column = builder.columnOf(`${name}_${i}`);
      if (column < 0) continue;
      for (let r = 0; r < kept; r++) rows[r][column] = jsonCell((values[r] as unknown[])[i]);
    }
    return true;
  }
  const column = builder.columnOf(name);
  if (column >= 0) for (let r = 0; r < kept; r++) rows[r][column] = jsonCell(values[r]);
  return true;
}
