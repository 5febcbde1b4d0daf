import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASE_URL, get, tokenFor } from "./helpers";

// The logging helpers a training script copies next to itself, run for real against the studio.
const root = join(import.meta.dirname, "../..");

async function clientEnv() {
  return {
    ...process.env,
    MLOPS_STUDIO_URL: BASE_URL,
    MLOPS_STUDIO_TOKEN: await tokenFor("scientist"),
    MLOPS_STUDIO_WORKSPACE: "dev",
  };
}

function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "";
}

describe("client helpers", () => {
  it("the Python module (standard library only) opens a job, logs 2500 points in batches, a param and a tag, and completes it", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = studio.start_run(experiment="python-client", params={"lr": 0.01})
for step in range(2500):
    studio.log_metric("loss", 1.0 / (step + 1), step=step)
studio.log_param("epochs", 2500)
studio.set_tag("client", "python")
studio.end_run()
print(run.job)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], {
      env: await clientEnv(),
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({
      experiment: "python-client",
      status: "completed",
      params: { lr: "0.01", epochs: "2500" },
      tags: { client: "python" },
    });
    expect(job.body.metrics).toEqual([
      { key: "loss", count: 2500, last: 1 / 2500, lastStep: 2499, min: 1 / 2500, minStep: 2499, max: 1, maxStep: 0 },
    ]);
  });

  it("the Python module marks the job failed when the script raises inside `with Run()`", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = None
try:
    with studio.Run(experiment="python-client") as run:
        run.log_metric("loss", 1.0)
        raise RuntimeError("diverged")
except RuntimeError:
    pass
print(run.job)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], {
      env: await clientEnv(),
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({ status: "failed", failureReason: expect.stringContaining("diverged") });
    expect(job.body.metrics[0]).toMatchObject({ key: "loss", count: 1 });
  });

  it("the Python module reports the studio's refusal as StudioError with status and code", async () => {
    const script = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = studio.start_run(params={"lr": "0.01"})
try:
    run.log_param("lr", "0.5")
except studio.StudioError as error:
    print(error.status, error.code)
`;
    const result = spawnSync(process.env.STUDIO_PYTHON ?? "python3", ["-c", script], {
      env: await clientEnv(),
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(lastLine(result.stdout)).toBe("409 conflict");
  });

  it("the JavaScript module does the same from Node", async () => {
    const script = `
import { startRun } from ${JSON.stringify(join(root, "clients/js/mlops-studio.mjs"))};
const run = await startRun({ experiment: "js-client", params: { lr: 0.1 }, tags: { client: "js" } });
for (let step = 0; step < 1200; step++) await run.logMetric("acc", step / 1200, { step });
await run.end();
console.log(run.job);
`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      env: await clientEnv(),
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, await tokenFor("scientist"));
    expect(job.body).toMatchObject({
      experiment: "js-client",
      status: "completed",
      params: { lr: "0.1" },
      tags: { client: "js" },
    });
    expect(job.body.metrics[0]).toMatchObject({ key: "acc", count: 1200, last: 1199 / 1200, lastStep: 1199 });
  });

  it("both helpers record the script's own git repository: remote without credentials, branch, commit, dirty", async () => {
    const repo = mkdtempSync(join(tmpdir(), "client-git-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
        cwd: repo,
        encoding: "utf8",
      }).trim();
    try {
      writeFileSync(
        join(repo, "train.py"),
        `import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})\nimport mlops_studio as studio\nrun = studio.start_run(experiment="git-client")\nstudio.end_run()\nprint(run.job)\n`,
      );
      writeFileSync(
        join(repo, "train.mjs"),
        `import { startRun } from ${JSON.stringify(join(root, "clients/js/mlops-studio.mjs"))};\nconst run = await startRun({ experiment: "git-client" });\nawait run.end();\nconsole.log(run.job);\n`,
      );
      git("init", "-q", "-b", "feature/lineage");
      git("add", ".");
      git("commit", "-q", "-m", "train");
      git("remote", "add", "origin", "https://bob:tok3n@git.example.com/team/iris.git");
      const commit = git("rev-parse", "HEAD");
      const env = await clientEnv();
      // Run from another folder: the helpers look at the script's repository, not the working folder.
      const python = () =>
        spawnSync(process.env.STUDIO_PYTHON ?? "python3", [join(repo, "train.py")], {
          env,
          cwd: tmpdir(),
          encoding: "utf8",
        });
      const node = () =>
        spawnSync(process.execPath, [join(repo, "train.mjs")], { env, cwd: tmpdir(), encoding: "utf8" });
      const gitOf = async (result: ReturnType<typeof spawnSync>) => {
        expect(result.status, String(result.stderr)).toBe(0);
        const job = await get(`/workspaces/dev/jobs/${lastLine(String(result.stdout))}`, await tokenFor("scientist"));
        return job.body.git;
      };
      const clean = {
        repository: "https://git.example.com/team/iris.git",
        branch: "feature/lineage",
        commit,
        dirty: false,
      };
      expect(await gitOf(python())).toEqual(clean);
      expect(await gitOf(node())).toEqual(clean);
      writeFileSync(join(repo, "train.py"), readFileSync(join(repo, "train.py"), "utf8") + "# tuned\n");
      expect(await gitOf(python())).toEqual({ ...clean, dirty: true });
      expect(await gitOf(node())).toEqual({ ...clean, dirty: true });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  // A proxy between the helper and the studio that loses the studio's answer to the first metric batch
  // (the batch was stored) and answers the second try with 503: the helper must send the batch again with
  // the same batchId, and the studio must store it once.
  async function unreliableProxy(): Promise<{ url: string; batches: () => string[]; close: () => void }> {
    const upstream = new URL(BASE_URL);
    const batchIds: string[] = [];
    let batchRequests = 0;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const isMetricBatch = req.url?.endsWith("/log-batch") && body.includes('"metrics"');
        if (isMetricBatch) {
          batchRequests++;
          batchIds.push(JSON.parse(body.toString()).batchId);
          if (batchRequests === 2)
            return void res
              .writeHead(503, { "content-type": "application/json" })
              .end('{"error":{"code":"unavailable","message":"try later"}}');
        }
        const forward = httpRequest(
          { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on("data", (c) => parts.push(c));
            answer.on("end", () => {
              if (isMetricBatch && batchRequests === 1) return void req.socket.destroy(); // stored, answer lost
              res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
            });
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      batches: () => batchIds,
      close: () => server.close(),
    };
  }

  function run(
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(command, args, { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  }

  it("both helpers send a metric batch again after a lost answer or a 503, and it is stored once", async () => {
    const token = await tokenFor("scientist");
    const python = `
import sys; sys.path.insert(0, ${JSON.stringify(join(root, "clients/python"))})
import mlops_studio as studio
run = studio.start_run(experiment="retried-batches")
for step in range(10):
    studio.log_metric("loss", 1.0 / (step + 1), step=step)
studio.end_run()
print(run.job)
`;
    const js = `
import { startRun } from ${JSON.stringify(join(root, "clients/js/mlops-studio.mjs"))};
const run = await startRun({ experiment: "retried-batches" });
for (let step = 0; step < 10; step++) await run.logMetric("loss", 1 / (step + 1), { step });
await run.end();
console.log(run.job);
`;
    for (const [command, args] of [
      [process.env.STUDIO_PYTHON ?? "python3", ["-c", python]],
      [process.execPath, ["--input-type=module", "-e", js]],
    ] as const) {
      const proxy = await unreliableProxy();
      try {
        const result = await run(command, [...args], { ...(await clientEnv()), MLOPS_STUDIO_URL: proxy.url });
        expect(result.status, result.stderr).toBe(0);
        // One batch, tried three times with one key.
        expect(proxy.batches()).toHaveLength(3);
        expect(new Set(proxy.batches()).size).toBe(1);
        expect(proxy.batches()[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
        const job = await get(`/workspaces/dev/jobs/${lastLine(result.stdout)}`, token);
        expect(job.body.status).toBe("completed");
        expect(job.body.metrics).toEqual([expect.objectContaining({ key: "loss", count: 10 })]);
      } finally {
        proxy.close();
      }
    }
  });
});
