// Sends the scoring-isolation benchmark's heavy requests from a process of its own (so that building
// and sending 264 MiB of request bodies does not stall the process that measures scoring latency):
// a pipeline import of a zip and a model upload, at the same time. Prints their durations as JSON.
//   node heavy-requests.mjs <studio url> <token> <zip file> <model file>
import { openAsBlob } from "node:fs";

const [url, token, zipFile, modelFile] = process.argv.slice(2);
const post = async (path, name, file) => {
  const form = new FormData();
  // Read from disk as it is sent, as a client streaming a file would (not copied into memory first).
  form.append("files", await openAsBlob(file), name);
  const started = performance.now();
  const res = await fetch(`${url}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return (performance.now() - started) / 1000;
};
const [importSeconds, uploadSeconds] = await Promise.all([
  post("/workspaces/bench/pipelines/import", "pipeline.zip", zipFile),
  post("/workspaces/bench/models/big/versions", "weights.bin", modelFile),
]);
console.log(JSON.stringify({ importSeconds, uploadSeconds }));
