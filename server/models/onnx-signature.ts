import "server-only";
import { open, type FileHandle } from "node:fs/promises";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import type { TensorSignature } from "@/lib/endpoints/tensors";
import type { OnnxSignature } from "@/lib/models/signatures";

// The inputs and outputs of an ONNX model, read from the file's protobuf without loading the model: a
// model page must not start an inference session, and weights can be hundreds of megabytes. The reader
// walks ModelProto → GraphProto by position, skipping nodes and weights by their length, and decodes only
// the small ValueInfo messages (with @bufbuild/protobuf). Field numbers are those of onnx/onnx.proto.

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const TENSOR_NAME = 8;
const VALUE_INFO_NAME = 1;
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TYPE_SPARSE_TENSOR = 9;
const TENSOR_TYPE_ELEM = 1;
const TENSOR_TYPE_SHAPE = 2;
const SHAPE_DIM = 1;
const DIM_VALUE = 1;
const DIM_PARAM = 2;

/** TensorProto.DataType, named as onnxruntime names tensor types (what deployments show too). */
const ELEMENT_TYPES: Record<number, string> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  14: "complex64",
  15: "complex128",
  16: "bfloat16",
};

/** A ValueInfo (or a TensorProto's name) larger than this is not a signature: the file is not ONNX. */
const MAX_SMALL_MESSAGE = 1 << 20;

class NotOnnx extends Error {}

/** Reads protobuf fields of a file by position, fetching only the bytes it needs. */
class FileFields {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  private async byteAt(position: number): Promise<number> {
    if (position < this.windowStart || position >= this.windowStart + this.window.length) {
      const length = Math.min(64 * 1024, this.size - position);
      if (length <= 0) throw new NotOnnx("The file ends inside a field.");
      this.window = Buffer.alloc(length);
      await this.file.read(this.window, 0, length, position);
      this.windowStart = position;
    }
    return this.window[position - this.windowStart];
  }

  private async varint(position: number): Promise<[number, number]> {
    let value = 0;
    for (let shift = 0, at = position; shift < 64; shift += 7, at++) {
      const byte = await this.byteAt(at);
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return [value, at + 1];
    }
    throw new NotOnnx("A varint runs past 10 bytes.");
  }

  /** Each field of the message in [start, end): number, wire type and where its payload lies. */
  async *fields(start: number, end: number): AsyncGenerator<{ field: number; start: number; end: number }> {
    let at = start;
    while (at < end) {
      const [tag, afterTag] = await this.varint(at);
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      let payloadStart = afterTag;
      let payloadEnd: number;
      if (wire === WireType.Varint) payloadEnd = (await this.varint(afterTag))[1];
      else if (wire === WireType.Bit64) payloadEnd = afterTag + 8;
      else if (wire === WireType.Bit32) payloadEnd = afterTag + 4;
      else if (wire === WireType.LengthDelimited) {
        const [length, afterLength] = await this.varint(afterTag);
        payloadStart = afterLength;
        payloadEnd = afterLength + length;
      } else throw new NotOnnx(`Wire type ${wire} is not used by ONNX files.`);
      if (field === 0 || payloadEnd > end) throw new NotOnnx("A field runs past its message.");
      yield { field, start: payloadStart, end: payloadEnd };
      at = payloadEnd;
    }
  }

  async bytes(start: number, end: number): Promise<Uint8Array> {
    if (end - start > MAX_SMALL_MESSAGE) throw new NotOnnx("A signature field is implausibly large.");
    const out = Buffer.alloc(end - start);
    await this.file.read(out, 0, out.length, start);
    return out;
  }
}

function decodeTensorType(bytes: Uint8Array): { type: string; shape: (number | string)[] } {
  const reader = new BinaryReader(bytes);
  let type = "unknown";
  const shape: (number | string)[] = [];
  while (reader.pos < reader.len) {
    const [field, wire] = reader.tag();
    if (field === TENSOR_TYPE_ELEM && wire === WireType.Varint) type = ELEMENT_TYPES[reader.int32()] ?? "unknown";
    else if (field === TENSOR_TYPE_SHAPE && wire === WireType.LengthDelimited) {
      const dims = new BinaryReader(reader.bytes());
      while (dims.pos < dims.len) {
        const [dimField, dimWire] = dims.tag();
        if (dimField !== SHAPE_DIM || dimWire !== WireType.LengthDelimited) {
          dims.skip(dimWire);
          continue;
        }
        const dim = new BinaryReader(dims.bytes());
        let size: number | string = -1;
        while (dim.pos < dim.len) {
          const [f, w] = dim.tag();
          if (f === DIM_VALUE && w === WireType.Varint) size = Number(dim.int64());
          else if (f === DIM_PARAM && w === WireType.LengthDelimited) size = dim.string();
          else dim.skip(w);
        }
        shape.push(size);
      }
    } else reader.skip(wire);
  }
  return { type, shape };
}

function decodeValueInfo(bytes: Uint8Array): TensorSignature {
  const reader = new BinaryReader(bytes);
  let name = "";
  let signature: { type: string; shape: (number | string)[] } = { type: "non-tensor", shape: [] };
  while (reader.pos < reader.len) {
    const [field, wire] = reader.tag();
    if (field === VALUE_INFO_NAME && wire === WireType.LengthDelimited) name = reader.string();
    else if (field === VALUE_INFO_TYPE && wire === WireType.LengthDelimited) {
      const type = new BinaryReader(reader.bytes());
      while (type.pos < type.len) {
        const [f, w] = type.tag();
        if ((f === TYPE_TENSOR || f === TYPE_SPARSE_TENSOR) && w === WireType.LengthDelimited)
          signature = decodeTensorType(type.bytes());
        else type.skip(w);
      }
    } else reader.skip(wire);
  }
  // Symbolic dimensions ("batch") are shown as such; onnxruntime reports them by name too.
  return { name, type: signature.type, shape: signature.shape };
}

/** The name of a TensorProto (an initializer), read without touching its data. */
async function initializerName(fields: FileFields, start: number, end: number): Promise<string | null> {
  for await (const f of fields.fields(start, end))
    if (f.field === TENSOR_NAME) return new TextDecoder().decode(await fields.bytes(f.start, f.end));
  return null;
}

/**
 * The model's graph inputs (without weights that old exporters list as inputs too) and outputs; `null`
 * when the file is not an ONNX model.
 */
export async function readOnnxSignature(path: string): Promise<OnnxSignature | null> {
  const file = await open(path, "r");
  try {
    const fields = new FileFields(file, (await file.stat()).size);
    for await (const model of fields.fields(0, fields.size)) {
      if (model.field !== MODEL_GRAPH) continue;
      const inputs: TensorSignature[] = [];
      const outputs: TensorSignature[] = [];
      const weights = new Set<string>();
      for await (const g of fields.fields(model.start, model.end)) {
        if (g.field === GRAPH_INPUT) inputs.push(decodeValueInfo(await fields.bytes(g.start, g.end)));
        else if (g.field === GRAPH_OUTPUT) outputs.push(decodeValueInfo(await fields.bytes(g.start, g.end)));
        else if (g.field === GRAPH_INITIALIZER) {
          const name = await initializerName(fields, g.start, g.end);
          if (name !== null) weights.add(name);
        }
      }
      return { inputs: inputs.filter((i) => !weights.has(i.name)), outputs };
    }
    return null;
  } catch (error) {
    // Malformed bytes (ours or the protobuf reader's complaint) mean "not ONNX"; a failing disk does not.
    if (error instanceof Error && !("code" in error)) return null;
    throw error;
  } finally {
    await file.close();
  }
}
