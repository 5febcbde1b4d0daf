import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectError,
  get,
  modelForm,
  request,
  sha256,
  tokenFor,
  uniqueName,
  waitForJob,
  type UploadFile,
} from "./helpers";

// Lineage travels with a model: captured from the training job when a version is registered, copied when it is
// shared to a registry, and readable there by a reviewer who is not a member of the job's workspace.
const root = join(import.meta.dirname, "../..");
let repo: string;
let commit: string;
let jobName: string;

const TRAIN = `import os, sys
import mlops_studio as studio
assert os.path.exists(sys.argv[1]), sys.argv[1]
for step, value in enumerate([0.5, 0.9, 0.8]):
    studio.log_metric("accuracy", value, step=step)
studio.log_param("lr", "0.1")
with open(os.path.join(sys.argv[2], "model.bin"), "w") as f:
    f.write("weights")
studio.end_run()
`;

/** Every file under a folder, with its path relative to it. */
function filesUnder(folder: string): UploadFile[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((p) => statSync(join(folder, p)).isFile())
    .map((p) => ({ path: relative(folder, join(folder, p)), content: readFileSync(join(folder, p)) }));
}

/** "sha256:" and the hash of the (path, sha256) list in path order, as the lineage records a data input. */
function manifestHash(files: { path: string; sha256: string }[]): string {
  const list = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => ({ path: f.path, sha256: f.sha256 }));
  return `sha256:${sha256(JSON.stringify(list))}`;
}

beforeAll(async () => {
  // A real repository: committed, then edited (dirty), uploaded with the .git files the browser would send.
  repo = mkdtempSync(join(tmpdir(), "lineage-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  writeFileSync(join(repo, "train.py"), TRAIN);
  writeFileSync(join(repo, "mlops_studio.py"), readFileSync(join(root, "clients/python/mlops_studio.py")));
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "train");
  git("remote", "add", "origin", "https://ci:s3cret@git.example.com/ml/iris.git");
  commit = git("rev-parse", "HEAD");
  writeFileSync(join(repo, "train.py"), `${TRAIN}# an uncommitted tweak\n`);
  const upload = filesUnder(repo).filter(
    (f) => !f.path.startsWith(".git/") || /^\.git\/(HEAD|config|index|refs\/heads\/)/.test(f.path),
  );
  const token = await tokenFor("scientist");
  const res = await request("POST", "/workspaces/dev/command-jobs", {
    token,
    body: modelForm(upload, {
      spec: {
        command: "python3 train.py ${{inputs.data}} ${{outputs.model}}",
        experiment: "lineage-api",
        environment: "sklearn-env:1",
        inputs: { data: { type: "data", asset: "iris:1" } },
        outputs: ["model"],
      },
    }),
  });
  expect(res.status, res.text).toBe(201);
  const job = await waitForJob(token, res.body.name);
  expect(job.status, JSON.stringify(job)).toBe("completed");
  jobName = job.name;
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("lineage", () => {
  it("records git from an uploaded .git folder, keeps it out of the code snapshot, and strips credentials", async () => {
    const token = await tokenFor("scientist");
    const job = (await get(`/workspaces/dev/jobs/${jobName}`, token)).body;
    expect(job.git).toEqual({ repository: "https://git.example.com/ml/iris.git", branch: "main", commit, dirty: true });
    const code = await get(`/workspaces/dev/jobs/${jobName}/code`, token);
    expect(code.body.files.map((f: { path: string }) => f.path)).toEqual(["mlops_studio.py", "train.py"]);
  });

  it("captures the job's lineage on the version and copies it to the registry, where a reviewer outside dev reads it", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("lineage");
    const registered = await request("POST", `/workspaces/dev/jobs/${jobName}/outputs/model/register-model`, {
      token: scientist,
      json: { name },
    });
    expect(registered.status, registered.text).toBe(201);
    const data = await get("/workspaces/dev/data/iris/versions/1", scientist);
    const code = await get(`/workspaces/dev/jobs/${jobName}/code`, scientist);
    const lineage = registered.body.lineage;
    expect(lineage).toMatchObject({
      workspace: "dev",
      isMember: true,
      job: { name: jobName, status: "completed" },
      experiment: "lineage-api",
      metrics: { accuracy: { last: 0.8, min: 0.5, max: 0.9 } },
      params: { lr: "0.1" },
      git: { repository: "https://git.example.com/ml/iris.git", branch: "main", commit, dirty: true },
      environment: { scope: { kind: "workspace", name: "dev" }, name: "sklearn-env", version: 1, isVisible: true },
      data: [
        {
          input: "data",
          scope: { kind: "workspace", name: "dev" },
          name: "iris",
          version: 1,
          hash: manifestHash(data.body.files),
          isVisible: true,
        },
      ],
      codeHash: manifestHash(code.body.files),
    });
    expect(lineage.environment.specHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    // The job page lists what was registered from it.
    const models = await get(`/workspaces/dev/jobs/${jobName}/models`, scientist);
    expect(models.body.items).toContainEqual(expect.objectContaining({ name, version: 1, isCopy: false }));

    const admin = await tokenFor("admin");
    const target = uniqueName("lineage-shared");
    const published = await request("POST", `/registries/shared/models/${target}/versions`, {
      token: admin,
      json: { source: { workspace: "dev", name, version: 1 }, reason: "lineage test" },
    });
    expect(published.status, published.text).toBe(201);

    // The reviewer is a reader of the registry, not a member of dev: the values are all there, links are not.
    const reviewer = await tokenFor("reviewer");
    const copy = await get(`/registries/shared/models/${target}/versions/1`, reviewer);
    expect(copy.status, copy.text).toBe(200);
    const { isMember, environment, data: copyData, ...rest } = copy.body.lineage;
    const { isMember: _m, environment: devEnvironment, data: devData, ...devRest } = lineage;
    expect(rest).toEqual(devRest);
    expect(isMember).toBe(false);
    expect(environment).toEqual({ ...devEnvironment, isVisible: false });
    expect(copyData).toEqual(devData.map((d: object) => ({ ...d, isVisible: false })));
    expectError(await get(`/workspaces/dev/jobs/${jobName}`, reviewer), 404, "not_found");
    // The registry copy is listed on the job too, for those who may see the registry.
    const withCopy = await get(`/workspaces/dev/jobs/${jobName}/models`, scientist);
    expect(withCopy.body.items).toContainEqual(
      expect.objectContaining({ scope: { kind: "registry", name: "shared" }, name: target, isCopy: true }),
    );
  });

  it("leaves lineage out for a free-text source, and the models list answers 404 outside the workspace", async () => {
    const scientist = await tokenFor("scientist");
    const name = uniqueName("free-text");
    const res = await request("POST", `/workspaces/dev/models/${name}/versions`, {
      token: scientist,
      body: modelForm([{ path: "m.bin", content: "x" }], { source: { jobId: "run-42-elsewhere" } }),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.source).toEqual({ jobId: "run-42-elsewhere", runUrl: null });
    expect(res.body.lineage).toBeUndefined();
    expectError(await get(`/workspaces/dev/jobs/${jobName}/models`, await tokenFor("reviewer")), 404, "not_found");
  });

  it("draws the graph: data → job → model → registry copy → deployment → endpoint, and a reviewer sees dev's part as closed", async () => {
    const scientist = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const name = uniqueName("graph");
    expect(
      (
        await request("POST", `/workspaces/dev/jobs/${jobName}/outputs/model/register-model`, {
          token: scientist,
          json: { name },
        })
      ).status,
    ).toBe(201);
    const target = uniqueName("graph-shared");
    await request("POST", `/registries/shared/models/${target}/versions`, {
      token: admin,
      json: { source: { workspace: "dev", name, version: 1 }, reason: "graph" },
    });
    const endpoint = uniqueName("graph-ep");
    expect(
      (await request("POST", "/workspaces/prod/endpoints", { token: admin, json: { name: endpoint } })).status,
    ).toBe(201);
    const deployed = await request("POST", `/workspaces/prod/endpoints/${endpoint}/deployments`, {
      token: admin,
      json: {
        name: "main",
        model: `registries/shared/${target}:1`,
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 1\n" },
      },
    });
    expect(deployed.status, deployed.text).toBe(201);

    type Node = { id: string; kind: string; label: string; isVisible: boolean; href: string | null; scope: unknown };
    const graphOf = async (asset: string, token: string, extra = "") => {
      const res = await get(`/lineage?asset=${encodeURIComponent(asset)}${extra}`, token);
      expect(res.status, res.text).toBe(200);
      return res.body as { roots: string[]; nodes: Node[]; edges: { from: string; to: string }[]; truncated: boolean };
    };
    // From the training data, downstream, as the admin: every link of the chain, each edge pointing downstream.
    const full = await graphOf("data:dev/iris:1", admin, "&direction=down&depth=6");
    const byLabel = (label: string) => full.nodes.find((n) => n.label === label);
    const chain = [
      byLabel("iris:1"),
      full.nodes.find((n) => n.kind === "job" && n.href?.endsWith(`/jobs/${jobName}`)),
      byLabel(`${name}:1`),
      byLabel(`${target}:1`),
      byLabel(`${endpoint} / main`),
      byLabel(endpoint),
    ];
    expect(chain.map((n) => n?.kind)).toEqual(["data", "job", "model", "model", "deployment", "endpoint"]);
    for (let i = 0; i + 1 < chain.length; i++)
      expect(full.edges, `${chain[i]!.label} → ${chain[i + 1]!.label}`).toContainEqual({
        from: chain[i]!.id,
        to: chain[i + 1]!.id,
      });

    // The reviewer (shared and prod, not dev) from the registry copy: dev's model is there, closed and unexpanded.
    const seen = await graphOf(`model:registries/shared/${target}:1`, await tokenFor("reviewer"));
    const origin = seen.nodes.find((n) => n.id === chain[2]!.id)!;
    expect(origin).toMatchObject({ isVisible: false, href: null, label: "model in workspace dev" });
    expect(seen.nodes.some((n) => n.kind === "job")).toBe(false);
    expect(seen.nodes.find((n) => n.id === chain[4]!.id)).toMatchObject({
      isVisible: true,
      href: expect.stringContaining("/workspaces/prod/endpoints/"),
    });

    expectError(
      await get(`/lineage?asset=${encodeURIComponent(`job:dev/${jobName}`)}`, await tokenFor("reviewer")),
      404,
      "not_found",
    );
    expectError(await get("/lineage?asset=model", admin), 422, "invalid");
    expectError(await get("/lineage?asset=job:registries/shared/x", admin), 422, "invalid");
    expectError(await get("/lineage?asset=model:dev/no-such-model:1", admin), 404, "not_found");
    expectError(await get("/lineage?asset=model:dev/iris-classifier&depth=99", admin), 422, "invalid");
  });
});
