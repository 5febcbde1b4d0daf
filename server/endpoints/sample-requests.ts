import "server-only";
import { db } from "@/server/db";
import type { EndpointDto } from "@/lib/schemas/endpoints";
import { artifactStore } from "@/server/artifacts/store";

// A request body to start from on the Test tab: the deployment's own sample-request.json when its code
// (or its model) has one, else zeros shaped like an ONNX model's inputs, else an empty object.

const SAMPLE_FILE = "sample-request.json";
const MAX_SAMPLE_BYTES = 64 * 1024;

async function readSmall(sha256: string): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await artifactStore.open(sha256)) {
    size += (chunk as Buffer).length;
    if (size > MAX_SAMPLE_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function zerosFor(shape: readonly (number | string)[], type: string): unknown {
  const dims = shape.map((d, i) => (typeof d === "number" && d > 0 ? d : i === 0 ? 1 : 1));
  const leaf = type === "string" ? "" : type === "bool" ? false : 0;
  const build = (level: number): unknown =>
    level === dims.length ? leaf : Array.from({ length: Math.min(dims[level], 64) }, () => build(level + 1));
  return build(0);
}

export async function sampleRequests(endpoint: EndpointDto): Promise<Record<string, string>> {
  const samples: Record<string, string> = {};
  for (const d of endpoint.deployments) {
    const file =
      (await db.deploymentFile.findFirst({
        where: { deploymentId: d.id, path: { endsWith: SAMPLE_FILE } },
        select: { sha256: true },
      })) ??
      (await db.modelFile.findFirst({
        where: { versionId: d.model.id, path: { endsWith: SAMPLE_FILE } },
        select: { sha256: true },
      }));
    const text = file ? await readSmall(file.sha256).catch(() => null) : null;
    if (text) samples[d.name] = text.trim();
    else if (d.signature && d.signature.inputs.length === 1)
      samples[d.name] = JSON.stringify({ data: zerosFor(d.signature.inputs[0].shape, d.signature.inputs[0].type) });
    else if (d.signature)
      samples[d.name] = JSON.stringify(
        { inputs: Object.fromEntries(d.signature.inputs.map((i) => [i.name, zerosFor(i.shape, i.type)])) },
        null,
        2,
      );
    else samples[d.name] = "{}";
  }
  // Routed requests start from the sample of the deployment with the most traffic.
  const busiest = [...endpoint.deployments].sort((a, b) => b.traffic - a.traffic)[0];
  samples[""] = busiest ? samples[busiest.name] : "{}";
  return samples;
}
