// JSON in and out of an ONNX model with no scoring code: a request gives each input as nested arrays
// (rows of features), checked against the model's declared type and shape; outputs come back as nested
// arrays by their dimensions. Pure: the scorer wraps these around onnxruntime.

export type TensorType = "float32" | "float64" | "int32" | "int64" | "bool" | "string";
export const SUPPORTED_TENSOR_TYPES: readonly TensorType[] = ["float32", "float64", "int32", "int64", "bool", "string"];

/** A model input or output as the model declares it; a dimension is a size, or a name for any size. */
export type TensorSignature = { name: string; type: string; shape: readonly (number | string)[] };

/** Numbers go into the typed array onnxruntime takes as it is (no copy on its side); the rest stay arrays. */
export type FlatTensor = {
  type: TensorType;
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | boolean[] | string[];
  dims: number[];
};
export type TensorCheck = { ok: true; tensor: FlatTensor } | { ok: false; message: string };

type Shape = { ok: true; dims: number[] } | { ok: false; message: string };

// Scoring checks every request, so the happy path allocates nothing it can avoid: regular arrays are
// checked against the first element's lengths, and only a request that fails is walked again to say where.
const placeOf = (at: string, path: readonly number[]) => at + path.map((i) => `[${i}]`).join("");

/** The shape of nested arrays, checked to be regular (every row as long as the first), or where they are not. */
function shapeOf(value: unknown, at: string, path: number[]): Shape {
  if (!Array.isArray(value)) return { ok: true, dims: [] };
  if (value.length === 0) return { ok: false, message: `${placeOf(at, path)} is an empty list.` };
  path.push(0);
  const inner = shapeOf(value[0], at, path);
  path.pop();
  if (!inner.ok) return inner;
  for (let i = 1; i < value.length; i++) {
    path.push(i);
    const other = shapeOf(value[i], at, path);
    path.pop();
    if (!other.ok) return other;
    if (!sameDims(other.dims, inner.dims)) {
      const here = placeOf(at, path);
      return {
        ok: false,
        message: `${here} is not rectangular: ${here}[${i}] has shape [${other.dims.join(", ")}], ${here}[0] has [${inner.dims.join(", ")}].`,
      };
    }
  }
  return { ok: true, dims: [value.length, ...inner.dims] };
}

/** The lengths met following the first element down (the shape, when the arrays are regular). */
function dimsAlongFirst(value: unknown): number[] {
  const dims: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    dims.push(v.length);
    if (v.length === 0) break;
  }
  return dims;
}

/** Whether nested arrays have exactly these non-zero dimensions (the happy path: nothing is allocated). */
function hasDims(value: unknown, dims: readonly number[], level: number): boolean {
  if (level === dims.length) return !Array.isArray(value);
  if (!Array.isArray(value) || value.length === 0 || value.length !== dims[level]) return false;
  for (let i = 0; i < value.length; i++) if (!hasDims(value[i], dims, level + 1)) return false;
  return true;
}

/** Nested JSON for one model input, as a flat tensor of the input's type, or why it does not fit. */
export function toTensor(signature: TensorSignature, value: unknown): TensorCheck {
  const at = `Input "${signature.name}"`;
  if (!(SUPPORTED_TENSOR_TYPES as readonly string[]).includes(signature.type))
    return { ok: false, message: `${at} is of type ${signature.type}, which the studio cannot fill from JSON.` };
  const type = signature.type as TensorType;
  if (Array.isArray(value) && value.length === 0) return { ok: false, message: `${at} is an empty list.` };
  // A single row may be given without the batch dimension.
  const rows = signature.shape.length > 0 && shapeOfDepth(value) === signature.shape.length - 1 ? [value] : value;
  const along = dimsAlongFirst(rows);
  const shape = hasDims(rows, along, 0) ? { ok: true as const, dims: along } : shapeOf(rows, at, []);
  if (!shape.ok) return shape;
  if (shape.dims.length !== signature.shape.length) {
    return {
      ok: false,
      message: `${at} takes ${signature.shape.length} dimensions [${signature.shape.join(", ")}]; the request gives ${shape.dims.length} [${shape.dims.join(", ")}].`,
    };
  }
  for (let i = 0; i < shape.dims.length; i++) {
    const want = signature.shape[i];
    if (typeof want === "number" && want >= 0 && want !== shape.dims[i]) {
      return {
        ok: false,
        message: `${at} takes [${signature.shape.join(", ")}]; dimension ${i} of the request is ${shape.dims[i]}, not ${want}.`,
      };
    }
  }
  const data = emptyOf(
    type,
    shape.dims.reduce((a, b) => a * b, 1),
  );
  const bad = fill(type, rows, data, 0);
  if (bad < 0) {
    const item = -bad - 1;
    return {
      ok: false,
      message: `${at} takes ${type} values; item ${item} is ${JSON.stringify(itemAt(rows, shape.dims, item))}.`,
    };
  }
  return { ok: true, tensor: { type, data, dims: shape.dims } };
}

function emptyOf(type: TensorType, size: number): FlatTensor["data"] {
  switch (type) {
    case "float32":
      return new Float32Array(size);
    case "float64":
      return new Float64Array(size);
    case "int32":
      return new Int32Array(size);
    case "int64":
      return new BigInt64Array(size);
    default:
      return new Array(size);
  }
}

/**
 * Writes the leaves of regular nested arrays into `data` from `offset`, in order; answers the next offset,
 * or -(index + 1) of the first value that does not fit the type.
 */
function fill(type: TensorType, value: unknown, data: FlatTensor["data"], offset: number): number {
  if (!Array.isArray(value)) {
    if (!fits(type, value)) return -offset - 1;
    if (type === "int64") (data as BigInt64Array)[offset] = BigInt(value as number);
    else (data as unknown[])[offset] = value;
    return offset + 1;
  }
  for (let i = 0; i < value.length; i++) {
    offset = fill(type, value[i], data, offset);
    if (offset < 0) return offset;
  }
  return offset;
}

/** The value at a flat index of regular nested arrays. */
function itemAt(rows: unknown, dims: readonly number[], index: number): unknown {
  let value = rows;
  let size = dims.reduce((a, b) => a * b, 1);
  for (const dim of dims) {
    size /= dim;
    value = (value as unknown[])[Math.floor(index / size)];
    index %= size;
  }
  return value;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shapeOfDepth(value: unknown): number {
  let depth = 0;
  let v = value;
  while (Array.isArray(v)) {
    depth++;
    v = v[0];
  }
  return depth;
}

function fits(type: TensorType, value: unknown): boolean {
  switch (type) {
    case "float32":
    case "float64":
      return typeof value === "number" && Number.isFinite(value);
    case "int32":
      return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    case "int64":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "bool":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
  }
}

/** A flat output as nested arrays by its dimensions (int64 as numbers, as JSON carries them). */
export function fromTensor(data: ArrayLike<unknown>, dims: readonly number[]): unknown {
  const isBig = typeof data[0] === "bigint";
  const copy = (from: number, count: number): unknown[] => {
    const row = new Array<unknown>(count);
    for (let i = 0; i < count; i++) row[i] = isBig ? Number(data[from + i] as bigint) : data[from + i];
    return row;
  };
  if (dims.length === 0) return copy(0, 1)[0];
  const strides = new Array<number>(dims.length);
  for (let level = dims.length - 1, size = 1; level >= 0; size *= dims[level--]) strides[level] = size;
  const nest = (offset: number, level: number): unknown[] => {
    if (level === dims.length - 1) return copy(offset, dims[level]);
    const rows = new Array<unknown>(dims[level]);
    for (let i = 0; i < rows.length; i++) rows[i] = nest(offset + i * strides[level], level + 1);
    return rows;
  };
  return nest(0, 0);
}
