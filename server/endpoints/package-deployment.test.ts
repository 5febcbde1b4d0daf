import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createDeployment } from "@/server/endpoints/deployments";
import { packageDeployment } from "@/server/endpoints/package-deployment";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { registerModelVersion } from "@/server/models/register-model-version";
import { storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

// A deployment's package is checked by running it: its own server, started from the unpacked folder,
// answers a request the way the studio did.

const SCORE_PY = `
import json, os
def init():
    global tag
    tag = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "tag.txt")).read().strip()
def run(raw_data):
    return {"tag": tag, "rows": len(json.loads(raw_data)["data"])}
`;
const SCORE_MJS = `
import { readFileSync } from "node:fs";
let tag;
export function init() { tag = readFileSync(process.env.AZUREML_MODEL_DIR + "/tag.txt", "utf8").trim(); }
export function run(raw) { if (JSON.parse(raw).fail) throw new Error("no"); return { tag, js: true }; }
`;

async function unpack(stream: ReadableStream<Uint8Array>): Promise<{ dir: string; names: string[] }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const entries = unzipSync(bytes);
  const dir = await mkdtemp(join(tmpdir(), "package-"));
  for (const [name, content] of Object.entries(entries)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return { dir, names: Object.keys(entries).sort() };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function serveAndAsk(command: string, args: string[], cwd: string, body: string) {
  const port = await freePort();
  const child = spawn(command, args, { cwd, env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/score`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        });
        return { status: res.status, json: await res.json() };
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    child.kill();
  }
}

describe("deployment packages", () => {
  it("hold the model, the code, the environment as given and a Dockerfile, and serve by themselves", async () => {
    const t = await workspaceWithTeam();
    const ws = t.workspace.name;
    const model = await registerModelVersion(
      t.contributor,
      t.workspace,
      { name: uniqueName("tagger") },
      await storeFiles({ "tag.txt": "tag-9" }),
    );
    const env = await createEnvironmentVersion(t.contributor, t.workspace, {
      name: uniqueName("env"),
      pip: "numpy==1.26.4\n",
      image: "python:3.11-slim",
    });
    const name = uniqueName("pkg").slice(0, 20);
    await createEndpoint(t.contributor, ws, { name });
    await createDeployment(t.contributor, ws, name, {
      name: "py-dep",
      model: `${model.name}:1`,
      environment: `${env.name}:1`,
      scoringMethod: "python",
      scoringScript: "score.py",
      code: { "score.py": SCORE_PY },
    });
    await createDeployment(t.contributor, ws, name, {
      name: "js-dep",
      model: `${model.name}:1`,
      scoringMethod: "javascript",
      scoringScript: "lib/score.mjs",
      code: { "lib/score.mjs": SCORE_MJS },
    });

    const py = await packageDeployment(t.reader, ws, name, "py-dep");
    expect(py.fileName).toBe(`${name}-py-dep.zip`);
    const pyFiles = await unpack(py.stream);
    const root = join(pyFiles.dir, `${name}-py-dep`);
    expect(pyFiles.names.map((n) => n.slice(name.length + 8))).toEqual([
      "Dockerfile",
      "README.md",
      "code/score.py",
      "deployment.json",
      "environment/image.txt",
      "environment/requirements.txt",
      "model/tag.txt",
      "serve.py",
    ]);
    const docker = await readFile(join(root, "Dockerfile"), "utf8");
    expect(docker).toContain("FROM python:3.11-slim");
    expect(docker).toContain("pip install --no-cache-dir -r /tmp/requirements.txt");
    expect(docker).toContain('CMD ["python", "serve.py"]');
    expect(await readFile(join(root, "environment/requirements.txt"), "utf8")).toBe("numpy==1.26.4\n");
    expect(JSON.parse(await readFile(join(root, "deployment.json"), "utf8"))).toMatchObject({
      deployment: "py-dep",
      model: `${model.name}:1`,
      environment: `${env.name}:1`,
      scoringScript: "score.py",
    });
    const python = process.env.STUDIO_PYTHON || "python3";
    expect(await serveAndAsk(python, ["serve.py"], root, JSON.stringify({ data: [[1], [2]] }))).toEqual({
      status: 200,
      json: { tag: "tag-9", rows: 2 },
    });
    expect((await serveAndAsk(python, ["serve.py"], root, "{not json")).status).toBe(400);

    const js = await unpack((await packageDeployment(t.reader, ws, name, "js-dep")).stream);
    const jsRoot = join(js.dir, `${name}-js-dep`);
    expect(await readFile(join(jsRoot, "Dockerfile"), "utf8")).toContain('CMD ["node", "serve.mjs"]');
    expect(await serveAndAsk(process.execPath, ["serve.mjs"], jsRoot, "{}")).toEqual({
      status: 200,
      json: { tag: "tag-9", js: true },
    });
    expect(await serveAndAsk(process.execPath, ["serve.mjs"], jsRoot, '{"fail": 1}')).toMatchObject({
      status: 500,
      json: { error: { code: "script_error" } },
    });
  });

  it("give an ONNX deployment a Python entry script and onnxruntime to run it", async () => {
    const t = await workspaceWithTeam();
    const ws = t.workspace.name;
    const onnx = await readFile(join(process.cwd(), "prisma/seed-assets/iris-classifier-v1/model.onnx"));
    const model = await registerModelVersion(
      t.contributor,
      t.workspace,
      { name: uniqueName("iris"), type: "onnx" },
      await storeFiles({ "model.onnx": onnx }),
    );
    const name = uniqueName("onnxpkg").slice(0, 20);
    await createEndpoint(t.contributor, ws, { name });
    await createDeployment(t.contributor, ws, name, { name: "blue", model: `${model.name}:1` });
    const files = await unpack((await packageDeployment(t.reader, ws, name, "blue")).stream);
    const root = join(files.dir, `${name}-blue`);
    expect(await readFile(join(root, "environment/requirements.txt"), "utf8")).toBe("onnxruntime\nnumpy\n");
    const script = await readFile(join(root, "code/score.py"), "utf8");
    expect(script).toContain('os.path.join(os.environ["AZUREML_MODEL_DIR"], "model.onnx")');
    const check = await new Promise<number>((resolve) =>
      spawn(process.env.STUDIO_PYTHON || "python3", [
        "-c",
        "import ast,sys; ast.parse(open(sys.argv[1]).read())",
        join(root, "code/score.py"),
      ]).on("exit", (code) => resolve(code ?? 1)),
    );
    expect(check).toBe(0);
  });
});
