// JSON in and out of an ONNX model with no scoring code: a request gives each input as nested arrays
// (rows of features), checked against the model's declared type and shape; outputs come back as nested
// arrays by their dimensions. Pure: the scorer wraps these around onnxruntime.

export type TensorType = "float32" | "float64" | "int32" | "int64" | "bool" | "string";
export const SUPPORTED_TENSOR_TYPES: readonly TensorType[] = ["float32", "float64", "int32", "int64", "bool", "string"];

/** A model input or output as the model declares it; a dimension is a size, or a name for any size. */
export type TensorSignature = { name: string; type: string; shape: readonly (number | string)[] };

export type FlatTensor = { type: TensorType; data: number[] | boolean[] | string[] | bigint[]; dims: number[] };
export type TensorCheck = { ok: true; tensor: FlatTensor } | { ok: false; message: string };

/** The shape of nested arrays, checked to be regular (every row as long as the first). */
function shapeOf(value: unknown, at: string): { ok: true; dims: number[] } | { ok: false; message: string } {
  if (!Array.isArray(value)) return { ok: true, dims: [] };
  if (value.length === 0) return { ok: false, message: `${at} is an empty list.` };
  const inner = shapeOf(value[0], `${at}[0]`);
  if (!inner.ok) return inner;
  for (let i = 1; i < value.length; i++) {
    const other = shapeOf(value[i], `${at}[${i}]`);
    if (!other.ok) return other;
    if (!sameDims(other.dims, inner.dims)) return { ok: false, message: `${at} is not rectangular: ${at}[${i}] has shape [${other.dims.join(", ")}], ${at}[0] has [${inner.dims.join(", ")}].` };
  }
  return { ok: true, dims: [value.length, ...inner.dims] };
}

/** Nested JSON for one model input, as a flat tensor of the input's type, or why it does not fit. */
export function toTensor(signature: TensorSignature, value: unknown): TensorCheck {
  const at = `Input "${signature.name}"`;
  if (!(SUPPORTED_TENSOR_TYPES as readonly string[]).includes(signature.type)) return { ok: false, message: `${at} is of type ${signature.type}, which the studio cannot fill from JSON.` };
  const type = signature.type as TensorType;
  if (Array.isArray(value) && value.length === 0) return { ok: false, message: `${at} is an empty list.` };
  // A single row may be given without the batch dimension.
  const rows = signature.shape.length > 0 && shapeOfDepth(value) === signature.shape.length - 1 ? [value] : value;
  const shape = shapeOf(rows, at);
  if (!shape.ok) return shape;
  if (shape.dims.length !== signature.shape.length) {
    return { ok: false, message: `${at} takes ${signature.shape.length} dimensions [${signature.shape.join(", ")}]; the request gives ${shape.dims.length} [${shape.dims.join(", ")}].` };
  }
  for (let i = 0; i < shape.dims.length; i++) {
    const want = signature.shape[i];
    if (typeof want === "number" && want >= 0 && want !== shape.dims[i]) {
      return { ok: false, message: `${at} takes [${signature.shape.join(", ")}]; dimension ${i} of the request is ${shape.dims[i]}, not ${want}.` };
    }
  }
  const flat = (rows as unknown[]).flat(Infinity);
  const bad = flat.findIndex((v) => !fits(type, v));
  if (bad >= 0) return { ok: false, message: `${at} takes ${type} values; item ${bad} is ${JSON.stringify(flat[bad])}.` };
  const data = type === "int64" ? flat.map((v) => BigInt(v as number)) : (flat as number[] | boolean[] | string[]);
  return { ok: true, tensor: { type, data, dims: shape.dims } };
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
  // Typed arrays are sliced without copying, and only 64-bit integers need converting.
  const slice = (from: number, to: number): unknown[] => {
    const part = ArrayBuffer.isView(data) ? (data as unknown as Float32Array).subarray(from, to) : Array.prototype.slice.call(data, from, to);
    return isBig ? Array.from(part as ArrayLike<unknown>, (v) => Number(v as bigint)) : Array.from(part as ArrayLike<unknown>);
  };
  if (dims.length === 0) return slice(0, 1)[0];
  const strides = dims.map((_, level) => dims.slice(level + 1).reduce((a, b) => a * b, 1));
  const nest = (offset: number, level: number): unknown[] => {
    if (level === dims.length - 1) return slice(offset, offset + dims[level]);
    const rows = new Array<unknown>(dims[level]);
    for (let i = 0; i < rows.length; i++) rows[i] = nest(offset + i * strides[level], level + 1);
    return rows;
  };
  return nest(0, 0);
}
