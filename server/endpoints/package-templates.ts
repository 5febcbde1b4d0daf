import "server-only";

// The files that make a deployment's package serve by itself elsewhere: a small HTTP server with the
// studio's contract (POST /score with JSON; init() once, run(raw body) per request), an ONNX entry script
// for deployments that had none, and a Dockerfile. Only standard libraries are used by the servers.

export type EnvironmentSpec = { conda: string | null; pip: string | null; image: string | null };

export function pythonServer(script: string): string {
  return `"""Serves ${script} the way MLOps Studio served it: POST /score with a JSON body, GET / for liveness.

init() runs once at start with AZUREML_MODEL_DIR pointing at ./model; each request's raw body goes to
run() as a string and its JSON-serializable result comes back. Port: $PORT (default 5001).
"""
import importlib.util
import json
import os
import sys
import traceback
from http.server import BaseHTTPRequestHandler, HTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
CODE = os.path.join(HERE, "code")
os.environ.setdefault("AZUREML_MODEL_DIR", os.path.join(HERE, "model"))
sys.path.insert(0, CODE)
spec = importlib.util.spec_from_file_location("score", os.path.join(CODE, ${JSON.stringify(script)}))
score = importlib.util.module_from_spec(spec)
sys.modules["score"] = score
spec.loader.exec_module(score)
if hasattr(score, "init"):
    score.init()


def jsonable(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, payload):
        body = payload.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message):
        self.answer(status, json.dumps({"error": {"code": code, "message": message}}))

    def do_GET(self):
        self.answer(200, '{"status": "ok"}')

    def do_POST(self):
        if self.path.split("?")[0].rstrip("/") != "/score":
            return self.error(404, "not_found", "POST to /score.")
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        try:
            json.loads(raw)
        except ValueError as error:
            return self.error(400, "bad_request", f"The request body is not valid JSON: {error}")
        try:
            self.answer(200, json.dumps(score.run(raw), default=jsonable, allow_nan=False))
        except Exception as error:  # noqa: BLE001 - the script's error goes back to the caller
            traceback.print_exc()
            self.error(500, "script_error", f"{type(error).__name__}: {error}")


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "5001"))
    print(f"Serving on port {port}", flush=True)
    HTTPServer(("0.0.0.0", port), Handler).serve_forever()
`;
}

export function javascriptServer(script: string): string {
  return `// Serves ${script} the way MLOps Studio served it: POST /score with a JSON body, GET / for liveness.
// init() runs once at start with AZUREML_MODEL_DIR pointing at ./model; each request's raw body goes to
// run() as a string and its JSON-serializable result comes back. Port: $PORT (default 5001).
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
process.env.AZUREML_MODEL_DIR ??= join(here, "model");
const mod = await import(pathToFileURL(join(here, "code", ${JSON.stringify(script)})).href);
if (typeof mod.init === "function") await mod.init();

const send = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
};
const error = (res, status, code, message) => send(res, status, JSON.stringify({ error: { code, message } }));

const port = Number(process.env.PORT ?? 5001);
createServer(async (req, res) => {
  if (req.method === "GET") return send(res, 200, '{"status":"ok"}');
  if (req.method !== "POST" || req.url.split("?")[0].replace(/\\/$/, "") !== "/score") return error(res, 404, "not_found", "POST to /score.");
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString("utf8");
  try {
    JSON.parse(raw);
  } catch (e) {
    return error(res, 400, "bad_request", \`The request body is not valid JSON: \${e.message}\`);
  }
  try {
    send(res, 200, JSON.stringify((await mod.run(raw)) ?? null));
  } catch (e) {
    console.error(e);
    error(res, 500, "script_error", e instanceof Error ? \`\${e.name}: \${e.message}\` : String(e));
  }
}).listen(port, () => console.log(\`Serving on port \${port}\`));
`;
}

/** The entry script an ONNX deployment gets in its package: the studio's no-code contract in Python. */
export function onnxEntryScript(modelFile: string): string {
  return `"""Scores ${modelFile} with onnxruntime, as MLOps Studio's no-code ONNX serving did.

A request names each input ({"inputs": {"<name>": [[...]]}}), or gives the rows of a one-input model as
{"data": [[...]]}; the answer holds every output by name.
"""
import json
import os

import numpy as np
import onnxruntime as ort

session = None
TYPES = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(int32)": np.int32, "tensor(int64)": np.int64, "tensor(bool)": np.bool_, "tensor(string)": np.str_}


def init():
    global session
    session = ort.InferenceSession(os.path.join(os.environ["AZUREML_MODEL_DIR"], ${JSON.stringify(modelFile)}))


def run(raw_data):
    request = json.loads(raw_data)
    inputs = session.get_inputs()
    given = request["inputs"] if "inputs" in request else {inputs[0].name: request["data"]}
    feeds = {}
    for i in inputs:
        value = np.asarray(given[i.name], dtype=TYPES.get(i.type, np.float32))
        if value.ndim == len(i.shape) - 1:
            value = value[np.newaxis, ...]
        feeds[i.name] = value
    outputs = session.run(None, feeds)
    return {o.name: np.asarray(v).tolist() for o, v in zip(session.get_outputs(), outputs)}
`;
}

/** A Dockerfile that builds an image serving the package on port 5001. */
export function dockerfile(method: "python" | "javascript", environment: EnvironmentSpec): string {
  if (method === "javascript") {
    return `# Serves the deployment with Node.js: docker build -t my-deployment . && docker run -p 5001:5001 my-deployment
FROM ${environment.image ?? "node:22-slim"}
WORKDIR /app
COPY model/ model/
COPY code/ code/
COPY serve.mjs .
ENV PORT=5001
EXPOSE 5001
CMD ["node", "serve.mjs"]
`;
  }
  const lines = [
    "# Serves the deployment with Python: docker build -t my-deployment . && docker run -p 5001:5001 my-deployment",
  ];
  if (environment.conda) {
    lines.push(...condaLines(environment.image));
  } else {
    lines.push(`FROM ${environment.image ?? "python:3.11-slim"}`, "WORKDIR /app");
  }
  if (environment.pip)
    lines.push(
      "COPY environment/requirements.txt /tmp/requirements.txt",
      "RUN pip install --no-cache-dir -r /tmp/requirements.txt",
    );
  lines.push(
    "COPY model/ model/",
    "COPY code/ code/",
    "COPY serve.py .",
    "ENV PORT=5001",
    "EXPOSE 5001",
    'CMD ["python", "serve.py"]',
  );
  return `${lines.join("\n")}\n`;
}

const MICROMAMBA_IMAGE = "mambaorg/micromamba:1.5.8";

/**
 * Installs the conda file with what the base image has: micromamba's own images install into their base
 * environment; images that carry conda (Miniconda, Miniforge, Azure ML's base images) update theirs; any other
 * image (python:3.11-slim) gets micromamba's static binary copied in, and the environment is made at /opt/env.
 */
function condaLines(image: string | null): string[] {
  const copy = ["WORKDIR /app", "COPY environment/conda.yaml /tmp/conda.yaml"];
  if (image === null || /(^|\/)micromamba(:|@|$)/.test(image))
    return [
      `FROM ${image ?? MICROMAMBA_IMAGE}`,
      ...copy,
      "RUN micromamba install -y -n base -f /tmp/conda.yaml && micromamba clean --all --yes",
      "ARG MAMBA_DOCKERFILE_ACTIVATE=1",
    ];
  if (/(miniconda|anaconda|miniforge|mambaforge|condaforge\/|mcr\.microsoft\.com\/azureml\/)/i.test(image))
    return [`FROM ${image}`, ...copy, "RUN conda env update -n base -f /tmp/conda.yaml && conda clean -afy"];
  return [
    `FROM ${image}`,
    ...copy,
    `COPY --from=${MICROMAMBA_IMAGE} /bin/micromamba /usr/local/bin/micromamba`,
    "RUN micromamba create -y -p /opt/env -f /tmp/conda.yaml && micromamba clean --all --yes",
    "ENV PATH=/opt/env/bin:$PATH",
  ];
}
