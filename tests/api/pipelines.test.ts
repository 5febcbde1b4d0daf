import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { expectError, get, modelForm, request, tokenFor, uniqueName } from "./helpers";

const base = (ws = "dev") => `/workspaces/${ws}/pipelines`;

const component = {
  scopeKind: "workspace",
  scopeName: "dev",
  name: "prep",
  version: 1,
  displayName: "Prepare",
  inputs: [{ name: "raw", type: "uri_file", optional: false }],
  outputs: [{ name: "train", type: "uri_folder" }],
  isDeterministic: true,
};
const graph = (step = "prep") => ({
  nodes: [
    {
      kind: "step",
      id: step,
      position: { x: 10, y: 20 },
      component,
      bindings: { raw: { kind: "data", ref: "iris:1" } },
    },
  ],
  edges: [],
  settings: { defaultCompute: "local" },
});

describe("pipelines API", () => {
  it("creates, lists, opens, saves over the opened revision and refuses a stale save with 409", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("API pipeline");
    const created = await request("POST", base(), {
      token,
      json: { name, description: "from the API", graph: graph() },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name,
      revision: 1,
      stepCount: 1,
      versionCount: 0,
      graph: graph(),
      clones: [],
      versions: [],
    });
    const id = created.body.id as string;

    const listed = await get(`${base()}?q=${encodeURIComponent(name)}`, token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);

    const saved = await request("PUT", `${base()}/${id}`, {
      token,
      json: { revision: 1, graph: graph("prepare_data"), name: `${name} v2` },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ revision: 2, name: `${name} v2` });

    const stale = await request("PUT", `${base()}/${id}`, { token, json: { revision: 1, name: "lost" } });
    expect(expectError(stale, 409, "conflict")).toMatch(/revision 2/);
    expect(stale.body.error.details).toMatchObject({ revision: 2 });
    const opened = await get(`${base()}/${id}`, token);
    expect(opened.body).toMatchObject({ revision: 2, name: `${name} v2` });
    expect(opened.body.graph.nodes[0].id).toBe("prepare_data");
  });

  it("clones into '<name> (copy)' and deletes a draft", async () => {
    const token = await tokenFor("scientist");
    const created = await request("POST", base(), { token, json: { name: "Cloned from API", graph: graph() } });
    const id = created.body.id as string;
    const clone = await request("POST", `${base()}/${id}/clone`, { token });
    expect(clone.status, clone.text).toBe(201);
    expect(clone.body).toMatchObject({
      name: "Cloned from API (copy)",
      clonedFrom: { id, name: "Cloned from API" },
      graph: graph(),
    });
    expect((await get(`${base()}/${id}`, token)).body.clones.map((c: { id: string }) => c.id)).toEqual([clone.body.id]);
    const removed = await request("DELETE", `${base()}/${clone.body.id}`, { token });
    expect(removed.status).toBe(204);
    expectError(await get(`${base()}/${clone.body.id}`, token), 404, "not_found");
  });

  it("answers 422 for a malformed graph or name, 400 for non-JSON, 403 for readers, 404 for unknown ids", async () => {
    const token = await tokenFor("scientist");
    expect(expectError(await request("POST", base(), { token, json: { name: "" } }), 422, "invalid")).toMatch(/name/i);
    const badEdge = { ...graph(), edges: [{ id: "x", source: "a b", sourcePort: "o", target: "c", targetPort: "i" }] };
    expectError(await request("POST", base(), { token, json: { name: "bad", graph: badEdge } }), 422, "invalid");
    const badNode = { ...graph(), nodes: [{ kind: "teleporter", id: "x", position: { x: 0, y: 0 } }] };
    expectError(await request("POST", base(), { token, json: { name: "bad", graph: badNode } }), 422, "invalid");
    expectError(
      await request("POST", base(), { token, body: "{not json", headers: { "content-type": "application/json" } }),
      400,
      "bad_request",
    );
    const created = await request("POST", base(), { token, json: { name: uniqueName("p") } });
    expectError(
      await request("PUT", `${base()}/${created.body.id}`, { token, json: { name: "no revision" } }),
      422,
      "invalid",
    );

    // The reviewer reads the test workspace and is no member of dev.
    const reviewer = await tokenFor("reviewer");
    const inTest = await request("POST", base("test"), { token, json: { name: uniqueName("p") } });
    expect(inTest.status, inTest.text).toBe(201);
    expect((await get(`${base("test")}/${inTest.body.id}`, reviewer)).status).toBe(200);
    expectError(await request("POST", base("test"), { token: reviewer, json: { name: "not mine" } }), 403, "forbidden");
    expectError(await request("DELETE", `${base("test")}/${inTest.body.id}`, { token: reviewer }), 403, "forbidden");
    expectError(await get(`${base()}/${created.body.id}`, reviewer), 404, "not_found");
    expectError(await get(`${base()}/does-not-exist`, token), 404, "not_found");
    expectError(await get(base(), null), 401, "unauthorized");
  });
});

describe("pipeline jobs, import and export over the API", () => {
  const yaml = (name: string, body: string) => `name: ${name}\nversion: 1\ntype: command\n${body}`;

  it("submits a draft, runs it to completion on the runner, clones the job back into a draft, and exports the YAML", async () => {
    const token = await tokenFor("scientist");
    const make = uniqueName("make");
    const made = await request("POST", "/workspaces/dev/components", {
      token,
      json: {
        yaml: yaml(
          make,
          `inputs:\n  word:\n    type: string\n    default: hi\noutputs:\n  out:\n    type: uri_folder\ncommand: printf '%s' \${{inputs.word}} > \${{outputs.out}}/word.txt\n`,
        ),
      },
    });
    expect(made.status, made.text).toBe(201);
    const ref = {
      scopeKind: "workspace",
      scopeName: "dev",
      name: make,
      version: 1,
      displayName: make,
      inputs: made.body.spec.inputs,
      outputs: made.body.spec.outputs,
      isDeterministic: true,
    };
    const graph = {
      nodes: [
        {
          kind: "step",
          id: "make",
          position: { x: 0, y: 0 },
          component: ref,
          bindings: { word: { kind: "literal", value: "api" } },
        },
        { kind: "output", id: "output:result", position: { x: 0, y: 100 }, name: "result", type: "uri_folder" },
      ],
      edges: [
        {
          id: "e:make.out->output:result.value",
          source: "make",
          sourcePort: "out",
          target: "output:result",
          targetPort: "value",
        },
      ],
      settings: {},
    };
    const draft = await request("POST", base(), { token, json: { name: uniqueName("API run"), graph } });
    const submitted = await request("POST", `${base()}/${draft.body.id}/submit`, {
      token,
      json: { experiment: "api-pipelines" },
    });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.body).toMatchObject({
      kind: "pipeline",
      status: "running",
      experiment: "api-pipelines",
      pipeline: { id: draft.body.id, version: 1 },
    });
    // The runner wakes on commit, so by the time the answer is written the step may already be queued or running.
    expect(submitted.body.steps).toEqual([
      expect.objectContaining({ step: "make", status: expect.stringMatching(/^(waiting|queued|running)$/) }),
    ]);

    const deadline = Date.now() + 60_000;
    let job = submitted.body;
    while (job.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      job = (await get(`/workspaces/dev/jobs/${submitted.body.name}`, token)).body;
    }
    expect(job.status, job.failureReason ?? "").toBe("completed");
    expect(job.outputs).toEqual([{ name: "result", fileCount: 1, totalSize: 3 }]);
    const stepJob = (await get(`/workspaces/dev/jobs/${job.steps[0].job}`, token)).body;
    expect(stepJob.parent).toEqual({ job: job.name, step: "make" });
    const file = await get(`/workspaces/dev/jobs/${job.name}/outputs/result/files/word.txt`, token);
    expect(file.text).toBe("api");
    // Steps are listed under their pipeline job, not among the workspace's jobs.
    const listed = await get(`/workspaces/dev/jobs?experiment=api-pipelines&limit=200`, token);
    expect(listed.body.items.map((j: { name: string }) => j.name)).toContain(job.name);
    expect(listed.body.items.map((j: { name: string }) => j.name)).not.toContain(stepJob.name);

    const clone = await request("POST", `/workspaces/dev/jobs/${job.name}/clone-to-draft`, { token });
    expect(clone.status, clone.text).toBe(201);
    expect(clone.body).toMatchObject({ clonedFromJob: job.name, graph: { edges: graph.edges } });
    expectError(
      await request("POST", `/workspaces/dev/jobs/${stepJob.name}/clone-to-draft`, { token }),
      409,
      "conflict",
    );

    const exported = await get(`${base()}/${draft.body.id}/export`, token);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/yaml/);
    expect(exported.text).toContain(`component: azureml:${make}:1`);
  }, 90_000);

  it("refuses to submit a draft with problems (422 with the issues) and an unknown input (422)", async () => {
    const token = await tokenFor("scientist");
    const draft = await request("POST", base(), { token, json: { name: uniqueName("empty") } });
    const res = await request("POST", `${base()}/${draft.body.id}/submit`, { token });
    expectError(res, 422, "invalid");
    expect(res.body.error.details.issues[0]).toMatchObject({ code: "empty_pipeline" });
    expectError(
      await request("POST", `${base()}/${draft.body.id}/submit`, {
        token,
        json: { inputs: { nope: 1 }, reuse: "yes" },
      }),
      422,
      "invalid",
    );
  });

  it("imports a pipeline folder, reporting missing component files by name without writing anything", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("hello");
    const component = `name: ${name}\nversion: 1\ntype: command\noutputs:\n  out:\n    type: uri_folder\ncode: ./src\ncommand: python hello.py\n`;
    const pipelineYaml = `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\ndisplay_name: ${name}\njobs:\n  hello:\n    type: command\n    component: ./component.yml\n  other:\n    type: command\n    component: ./missing.yml\n`;
    const form = (withMissing: boolean) =>
      modelForm([
        {
          path: "p/pipeline.yml",
          content: withMissing ? pipelineYaml : pipelineYaml.replace(/ {2}other:[\s\S]*$/, ""),
        },
        { path: "p/component.yml", content: component },
        { path: "p/src/hello.py", content: "print('hello')\n" },
      ]);
    const refused = await request("POST", `${base()}/import`, { token, body: form(true) });
    expect(expectError(refused, 422, "invalid")).toMatch(/missing\.yml \(used by other\)/);
    expectError(await get(`/workspaces/dev/components/${name}/versions/1`, token), 404, "not_found");

    const imported = await request("POST", `${base()}/import`, { token, body: form(false) });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body).toMatchObject({ name, stepCount: 1, warnings: expect.any(Array) });
    expect(
      (await get(`/workspaces/dev/components/${name}/versions/1`, token)).body.files.map(
        (f: { path: string }) => f.path,
      ),
    ).toEqual(["hello.py"]);
  });

  it("imports a pipeline from a .zip of its folder, and refuses zips with escaping names, too much content or no zip inside", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("zipped");
    const component = `name: ${name}\nversion: 1\ntype: command\noutputs:\n  out:\n    type: uri_folder\ncode: ./src\ncommand: python hello.py\n`;
    const pipelineYaml = `type: pipeline\ndisplay_name: ${name}\njobs:\n  hello:\n    type: command\n    component: ./component.yml\n`;
    const zipOf = (entries: Record<string, Uint8Array>) =>
      modelForm([{ path: "pipeline.zip", content: zipSync(entries) }]);
    const folder = {
      "p/pipeline.yml": strToU8(pipelineYaml),
      "p/component.yml": strToU8(component),
      "p/src/hello.py": strToU8("print('hello')\n"),
      "__MACOSX/p/._pipeline.yml": strToU8("junk"),
    };

    const escaping = await request("POST", `${base()}/import`, {
      token,
      body: zipOf({ ...folder, "../outside.py": strToU8("x") }),
    });
    expect(expectError(escaping, 422, "invalid")).toMatch(/pipeline\.zip: .*\.\./);
    expectError(await get(`/workspaces/dev/components/${name}/versions/1`, token), 404, "not_found");

    // 5 MiB of zeros packs into a few KiB, but unpacked it is over the test studio's pipeline-zip cap (2 MiB).
    const bomb = await request("POST", `${base()}/import`, {
      token,
      body: zipOf({ ...folder, "p/zeros.bin": new Uint8Array(5 * 1024 * 1024) }),
    });
    expectError(bomb, 413, "too_large");

    const notZip = await request("POST", `${base()}/import`, {
      token,
      body: modelForm([{ path: "pipeline.zip", content: "not a zip at all" }]),
    });
    expect(expectError(notZip, 422, "invalid")).toMatch(/not a readable zip/);

    const imported = await request("POST", `${base()}/import`, { token, body: zipOf(folder) });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body).toMatchObject({ name, stepCount: 1 });
    expect(
      (await get(`/workspaces/dev/components/${name}/versions/1`, token)).body.files.map(
        (f: { path: string }) => f.path,
      ),
    ).toEqual(["hello.py"]);
  });
});
