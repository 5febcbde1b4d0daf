import "server-only";
import { readEnvironmentSpec } from "@/server/assets/stored-asset-spec";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { streamFrom, zipChunks } from "@/server/artifacts/downloads";
import { requireScope } from "@/server/scopes/scope-access";
import { findDeploymentOrThrow, findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import { modelLabelOf } from "@/server/endpoints/endpoint-dto";
import { onnxFileOf } from "@/server/runtime/scoring/deployment-runtime";
import {
  dockerfile,
  javascriptServer,
  onnxEntryScript,
  pythonServer,
  type EnvironmentSpec,
} from "@/server/endpoints/package-templates";

// A deployment as a folder (zip) that serves elsewhere: its model files, its code (an ONNX deployment
// gets a Python entry script doing what the studio did), the environment as given, a server with the
// same contract, a Dockerfile and a README.

async function environmentOf(id: string | null): Promise<EnvironmentSpec> {
  if (!id) return { conda: null, pip: null, image: null };
  const row = await db.assetVersion.findUnique({ where: { id }, select: { spec: true } });
  return row ? readEnvironmentSpec(row.spec) : { conda: null, pip: null, image: null };
}

export async function packageDeployment(
  actor: Actor,
  workspace: string,
  endpointName: string,
  name: string,
): Promise<{ fileName: string; stream: ReadableStream<Uint8Array> }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  const summary = findDeploymentOrThrow(endpoint, name);
  const deployment = await db.deployment.findUniqueOrThrow({
    where: { id: summary.id },
    include: {
      files: true,
      modelVersion: { include: { files: true, model: { select: { scope: { select: { kind: true, name: true } } } } } },
    },
  });
  const environment = await environmentOf(deployment.environmentVersionId);
  const isOnnx = deployment.scoringMethod === "onnx";
  const onnxFile = isOnnx ? onnxFileOf(deployment.modelVersion.files) : null;
  const script = isOnnx ? "score.py" : deployment.scoringScript!;
  const runtime = deployment.scoringMethod === "javascript" ? "javascript" : "python";
  const packagedEnvironment: EnvironmentSpec =
    isOnnx && !environment.conda && !environment.pip ? { ...environment, pip: "onnxruntime\nnumpy\n" } : environment;

  const generated: Record<string, string> = {
    Dockerfile: dockerfile(runtime, packagedEnvironment),
    [runtime === "python" ? "serve.py" : "serve.mjs"]:
      runtime === "python" ? pythonServer(script) : javascriptServer(script),
    "deployment.json": `${JSON.stringify(
      {
        endpoint: endpoint.name,
        workspace,
        deployment: deployment.name,
        description: deployment.description,
        model: modelLabelOf(deployment.modelVersion),
        environment: deployment.environmentLabel,
        scoringMethod: deployment.scoringMethod,
        scoringScript: script,
        instanceCount: deployment.instanceCount,
        requestTimeoutMs: deployment.requestTimeoutMs,
        dataCollectionPercent: deployment.dataCollectionPercent,
      },
      null,
      2,
    )}\n`,
    "README.md": `# ${endpoint.name} / ${deployment.name}

Model ${modelLabelOf(deployment.modelVersion)}, served by ${isOnnx ? `onnxruntime (code/score.py, written for this package)` : `code/${script}`}.

    docker build -t ${endpoint.name.toLowerCase()}-${deployment.name.toLowerCase()} .
    docker run -p 5001:5001 ${endpoint.name.toLowerCase()}-${deployment.name.toLowerCase()}
    curl -X POST http://localhost:5001/score -H "Content-Type: application/json" -d @request.json

Without Docker: ${runtime === "python" ? "`python serve.py`" : "`node serve.mjs`"} with the packages of environment/ installed (PORT sets the port).
`,
  };
  if (isOnnx && onnxFile) generated["code/score.py"] = onnxEntryScript(onnxFile);
  if (packagedEnvironment.conda) generated["environment/conda.yaml"] = packagedEnvironment.conda;
  if (packagedEnvironment.pip) generated["environment/requirements.txt"] = packagedEnvironment.pip;
  if (packagedEnvironment.image) generated["environment/image.txt"] = `${packagedEnvironment.image}\n`;

  const files: { path: string; sha256: string }[] = [];
  for (const [path, text] of Object.entries(generated))
    files.push({ path, sha256: (await artifactStore.putBuffer(Buffer.from(text, "utf8"))).sha256 });
  for (const f of deployment.modelVersion.files) files.push({ path: `model/${f.path}`, sha256: f.sha256 });
  for (const f of deployment.files) files.push({ path: `code/${f.path}`, sha256: f.sha256 });
  const folder = `${endpoint.name}-${deployment.name}`;
  return {
    fileName: `${folder}.zip`,
    stream: streamFrom(zipChunks(files.map((f) => ({ ...f, path: `${folder}/${f.path}` })))),
  };
}
