import "server-only";
import * as ort from "onnxruntime-node";
import { invalid } from "@/lib/errors";
import { fromTensor, toTensor, type TensorSignature } from "@/lib/endpoints/tensors";
import type { OnnxSignature } from "@/lib/models/signatures";

// Scoring an ONNX model with no code: the model's own inputs and outputs are its contract. A request
// names each input (`{"inputs": {"input": [[5.1, 3.5, 1.4, 0.2]]}}`), or, for a model with one input,
// gives its rows as `{"data": [[…]]}` as Azure ML's classic scoring scripts take them; the answer holds
// every output by name, as nested arrays.

/**
 * onnxruntime's thread pools spin while they wait for work by default: with several instances, scoring
 * workers and the web app on a few cores, spinning threads take the CPU from the ones with work to do.
 * Parallelism within a run is kept; idle threads sleep. (bench/lib/direct-onnx-server.mjs uses the same.)
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
};

function signatureOf(metadata: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return metadata.map((m) =>
    m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: "non-tensor", shape: [] },
  );
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
      session = await ort.InferenceSession.create(path, SESSION_OPTIONS);
    } catch (error) {
      throw invalid(`The ONNX model could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    return new OnnxScorer(session, {
      inputs: signatureOf(session.inputMetadata),
      outputs: signatureOf(session.outputMetadata),
    });
  }

  /**
   * Scores one request body (already parsed JSON); a body that does not fit the model is `invalid`, naming
   * why. Not an async function: for a small model the bookkeeping of one costs more than the model.
   */
  score(body: unknown): Promise<Record<string, unknown>> {
    let feeds: Record<string, ort.Tensor>;
    try {
      feeds = this.feedsOf(body);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.session.run(feeds).then((results) => {
      const outputs: Record<string, unknown> = {};
      for (const name in results)
        outputs[name] = fromTensor(results[name].data as ArrayLike<unknown>, results[name].dims);
      return outputs;
    });
  }

  private feedsOf(body: unknown): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {};
    const inputs = this.signature.inputs;
    const data = this.rowsOf(body);
    if (data !== undefined) {
      // {"data": rows} for a model with one input: no object of names is built for it.
      feeds[inputs[0].name] = this.tensorOf(inputs[0], data);
      return feeds;
    }
    const given = (body as { inputs: Record<string, unknown> }).inputs;
    for (const input of inputs) {
      if (!(input.name in given))
        throw invalid(
          `The request gives no value for the model's input "${input.name}" (${input.type} [${input.shape.join(", ")}]).`,
        );
      feeds[input.name] = this.tensorOf(input, given[input.name]);
    }
    const unknown = Object.keys(given).filter((name) => !inputs.some((i) => i.name === name));
    if (unknown.length)
      throw invalid(
        `The model has no input named ${unknown.map((n) => `"${n}"`).join(", ")}; its inputs are ${inputs.map((i) => `"${i.name}"`).join(", ")}.`,
      );
    return feeds;
  }

  private tensorOf(input: TensorSignature, value: unknown): ort.Tensor {
    const checked = toTensor(input, value);
    if (!checked.ok) throw invalid(checked.message);
    return new ort.Tensor(checked.tensor.type, checked.tensor.data as never, checked.tensor.dims);
  }

  /** The rows of `{"data": rows}` (undefined for a body that names its inputs); a body of neither shape is `invalid`. */
  private rowsOf(body: unknown): unknown {
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw invalid(
        'Send a JSON object: {"inputs": {"<input name>": [[…]]}}, or {"data": [[…]]} for a model with one input.',
      );
    const { inputs, data } = body as { inputs?: unknown; data?: unknown };
    if (inputs !== undefined) {
      if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs))
        throw invalid('"inputs" must be an object of input names to values.');
      return undefined;
    }
    if (data !== undefined) {
      if (this.signature.inputs.length !== 1)
        throw invalid(`The model has ${this.signature.inputs.length} inputs; name each under "inputs".`);
      return data;
    }
    throw invalid('The request has neither "inputs" nor "data".');
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
