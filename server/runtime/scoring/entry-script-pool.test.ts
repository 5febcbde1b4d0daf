import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EntryScriptPool } from "@/server/runtime/scoring/entry-script-pool";
import { hostCommand } from "@/server/runtime/scoring/hosts";
import { type ScoringError } from "@/server/runtime/scoring/scoring-error";
import { waitFor } from "@/tests/support/wait";

// Real Python and Node child processes running entry scripts, as deployments run them.
const SCORE_PY = `
import json, logging, os, time, uuid
model = None
# Which process answered: instances run in PID namespaces of their own, where every pid looks alike.
INSTANCE = uuid.uuid4().hex
def init():
    global model
    model = open(os.path.join(os.environ["AZUREML_MODEL_DIR"], "weights.txt")).read().strip()
    print("init done with", model)
def run(raw_data):
    data = json.loads(raw_data)
    if data.get("fail"):
        raise ValueError("bad feature: " + data["fail"])
    if data.get("sleep"):
        time.sleep(data["sleep"])
    if data.get("crash"):
        os._exit(7)
    logging.info("scored %d rows", len(data.get("rows", [])))
    return {"model": model, "sums": [sum(r) for r in data.get("rows", [])], "instance": INSTANCE}
`;
const SCORE_MJS = `
import { readFileSync } from "node:fs";
let weights;
export function init() { weights = readFileSync(process.env.AZUREML_MODEL_DIR + "/weights.txt", "utf8").trim(); console.log("js init", weights); }
export async function run(raw) {
  const data = JSON.parse(raw);
  if (data.fail) throw new Error("js says no: " + data.fail);
  return { model: weights, n: (data.rows ?? []).length };
}
`;

type Logged = { instance: number; stream: string; text: string };

async function deploymentFolders(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), "pool-"));
  const modelDir = join(root, "model");
  const codeDir = join(root, "code");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(modelDir);
  await mkdir(codeDir);
  await writeFile(join(modelDir, "weights.txt"), "w-42\n");
  for (const [name, text] of Object.entries(files)) await writeFile(join(codeDir, name), text);
  return { modelDir, codeDir };
}

const pools: EntryScriptPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.dispose();
});

async function startPool(
  method: "python" | "javascript",
  files: Record<string, string>,
  script: string,
  options: { instances?: number; timeoutMs?: number } = {},
) {
  const { modelDir, codeDir } = await deploymentFolders(files);
  const logs: Logged[] = [];
  const pool = new EntryScriptPool({
    host: hostCommand(method, { codeDir, script, modelDir }),
    instances: options.instances ?? 1,
    timeoutMs: options.timeoutMs ?? 10_000,
    startupTimeoutMs: 30_000,
    log: (instance, stream, text) => logs.push({ instance, stream, text }),
  });
  pools.push(pool);
  return { pool, logs };
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as ScoringError;
  }
  throw new Error("expected the request to fail");
};

describe("entry script instances", () => {
  it("runs an Azure ML style score.py: AZUREML_MODEL_DIR before init(), the raw body to run(), logs kept", async () => {
    const { pool, logs } = await startPool("python", { "score.py": SCORE_PY }, "score.py");
    await pool.start();
    const answer = JSON.parse(
      await pool.score(
        JSON.stringify({
          rows: [
            [1, 2],
            [3, 4.5],
          ],
        }),
      ),
    );
    expect(answer).toMatchObject({ model: "w-42", sums: [3, 7.5] });
    // stdout and stderr are pipes of their own: the answer may arrive before the log lines do.
    const text = await waitFor(
      async () => logs.map((l) => l.text).join(""),
      (t) => t.includes("scored 2 rows"),
      5000,
    );
    expect(text).toContain("init done with w-42");
    expect(logs.find((l) => l.text.includes("scored 2 rows"))?.stream).toBe("stderr");
  });

  it("answers a script error with 500 and its message, and the instance stays up", async () => {
    const { pool } = await startPool("python", { "score.py": SCORE_PY }, "score.py");
    await pool.start();
    const pidBefore = pool.pids()[0];
    const before = JSON.parse(await pool.score("{}"));
    const error = await errorOf(pool.score(JSON.stringify({ fail: "petal_width" })));
    expect(error).toMatchObject({ status: 500, code: "script_error" });
    expect(error.message).toBe("ValueError: bad feature: petal_width");
    const after = JSON.parse(await pool.score("{}"));
    expect(after.instance).toBe(before.instance);
    expect(pool.pids()).toEqual([pidBefore]);
  });

  it("gives 504 past the timeout, restarts the stuck instance, and serves the next request", async () => {
    const { pool, logs } = await startPool("python", { "score.py": SCORE_PY }, "score.py", { timeoutMs: 1500 });
    await pool.start();
    const pidBefore = pool.pids()[0];
    const before = JSON.parse(await pool.score("{}"));
    const started = Date.now();
    const error = await errorOf(pool.score(JSON.stringify({ sleep: 30 })));
    expect(error).toMatchObject({ status: 504, code: "timeout" });
    expect(Date.now() - started).toBeLessThan(5000);
    const after = JSON.parse(await pool.score("{}"));
    expect(after.instance).not.toBe(before.instance);
    expect(pool.pids()).not.toContain(pidBefore);
    expect(logs.some((l) => l.text.includes("ran past the timeout"))).toBe(true);
  });

  it("restarts an instance that crashes, failing only the request it held", async () => {
    const { pool, logs } = await startPool("python", { "score.py": SCORE_PY }, "score.py");
    await pool.start();
    const error = await errorOf(pool.score(JSON.stringify({ crash: true })));
    expect(error).toMatchObject({ status: 502, code: "instance_crashed" });
    expect(JSON.parse(await pool.score("{}")).model).toBe("w-42");
    expect(logs.some((l) => l.text.includes("exit code 7"))).toBe(true);
  });

  it("spreads requests over several instances", async () => {
    const { pool } = await startPool("python", { "score.py": SCORE_PY }, "score.py", { instances: 2 });
    await pool.start();
    const answers = await Promise.all(Array.from({ length: 6 }, () => pool.score(JSON.stringify({ sleep: 0.2 }))));
    expect(new Set(answers.map((a) => JSON.parse(a).instance)).size).toBe(2);
  });

  it("fails to start with init()'s error when the script cannot initialise", async () => {
    const { pool } = await startPool(
      "python",
      { "score.py": "def init():\n    raise RuntimeError('no model file')\ndef run(raw):\n    return 1\n" },
      "score.py",
    );
    await expect(pool.start()).rejects.toThrow("init() failed: RuntimeError: no model file");
  });

  it("fails to start when the script has no run()", async () => {
    const { pool } = await startPool("python", { "score.py": "def init():\n    pass\n" }, "score.py");
    await expect(pool.start()).rejects.toThrow("defines no run(raw_data) function");
  });

  it("runs a JavaScript entry module with the same contract", async () => {
    const { pool, logs } = await startPool("javascript", { "score.mjs": SCORE_MJS }, "score.mjs");
    await pool.start();
    expect(JSON.parse(await pool.score(JSON.stringify({ rows: [1, 2, 3] })))).toEqual({ model: "w-42", n: 3 });
    const error = await errorOf(pool.score(JSON.stringify({ fail: "x" })));
    expect(error).toMatchObject({ status: 500, message: "Error: js says no: x" });
    expect(
      await waitFor(
        async () => logs.map((l) => l.text).join(""),
        (t) => t.includes("js init w-42"),
        5000,
      ),
    ).toContain("js init w-42");
  });
});
