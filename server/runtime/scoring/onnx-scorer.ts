import "server-only";
import * as ort from "onnxruntime-node";
import { invalid } from "@/lib/errors";
import { fromTensor, toTensor, type TensorSignature } from "@/lib/endpoints/tensors";

// Scoring an ONNX model with no code: the model's own inputs and outputs are its contract. A request
// names each input (`{"inputs": {"input": [[5.1, 3.5, 1.4, 0.2]]}}`), or, for a model with one input,
// gives its rows as `{"data": [[…]]}` as Azure ML's classic scoring scripts take them; the answer holds
// every output by name, as nested arrays.

export type OnnxSignature = { inputs: TensorSignature[]; outputs: TensorSignature[] };

function signatureOf(metadata: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return metadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: "non-tensor", shape: [] }));
}

export class OnnxScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly signature: OnnxSignature,
  ) {}

  /** Loads a model file (one session per deployment instance; a session may run requests concurrently). */
  static async load(path: string): Promise<OnnxScorer> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(path);
    } catch (error) {
      throw invalid(`The ONNX model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new OnnxScorer(session, { inputs: signatureOf(session.inputMetadata), outputs: signatureOf(session.outputMetadata) });
  }

  /** Scores one request body (already parsed JSON); a body that does not fit the model is `invalid`, naming why. */
  async score(body: unknown): Promise<Record<string, unknown>> {
    const given = this.inputsOf(body);
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of this.signature.inputs) {
      if (!(input.name in given)) throw invalid(`The request gives no value for the model's input "${input.name}" (${input.type} [${input.shape.join(", ")}]).`);
      const checked = toTensor(input, given[input.name]);
      if (!checked.ok) throw invalid(checked.message);
      feeds[input.name] = new ort.Tensor(checked.tensor.type, checked.tensor.data as never, checked.tensor.dims);
    }
    const unknown = Object.keys(given).filter((name) => !this.signature.inputs.some((i) => i.name === name));
    if (unknown.length) throw invalid(`The model has no input named ${unknown.map((n) => `"${n}"`).join(", ")}; its inputs are ${this.signature.inputs.map((i) => `"${i.name}"`).join(", ")}.`);
    const results = await this.session.run(feeds);
    const outputs: Record<string, unknown> = {};
    for (const [name, tensor] of Object.entries(results)) outputs[name] = fromTensor(tensor.data as ArrayLike<unknown>, tensor.dims);
    return outputs;
  }

  private inputsOf(body: unknown): Record<string, unknown> {
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid('Send a JSON object: {"inputs": {"<input name>": [[…]]}}, or {"data": [[…]]} for a model with one input.');
    const { inputs, data } = body as { inputs?: unknown; data?: unknown };
    if (inputs !== undefined) {
      if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) throw invalid('"inputs" must be an object of input names to values.');
      return inputs as Record<string, unknown>;
    }
    if (data !== undefined) {
      if (this.signature.inputs.length !== 1) throw invalid(`The model has ${this.signature.inputs.length} inputs; name each under "inputs".`);
      return { [this.signature.inputs[0].name]: data };
    }
    throw invalid('The request has neither "inputs" nor "data".');
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
