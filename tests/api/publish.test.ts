import { describe, expect, it } from "vitest";
import { createVersion, expectError, get, request, sha256, tokenFor, uniqueName } from "./helpers";

const publishPath = (registry: string, name: string) =>
  `/registries/${registry}/models/${encodeURIComponent(name)}/versions`;

/** A version in dev made by the scientist, to be published. */
async function devVersion() {
  const scientist = await tokenFor("scientist");
  const name = uniqueName("source");
  const files = [
    { path: "model.onnx", content: `onnx of ${name}` },
    { path: "env/conda.yaml", content: "dependencies: [python=3.11]\n" },
  ];
  const version = await createVersion(scientist, "dev", name, files, {
    type: "onnx",
    description: "validated candidate",
    tags: { stage: "candidate", team: "api" },
    properties: { auc: "0.91" },
  });
  return { name, files, version };
}

describe("POST /api/v1/registries/{registry}/models/{name}/versions (publish, JSON)", () => {
  it("publishes a workspace version (201) with its lineage, metadata and the same bytes", async () => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const target = uniqueName("shared");
    const reason = `validated on hold-out set ${uniqueName("r")}`;

    const res = await request("POST", publishPath("shared", target), {
      token: admin,
      json: { source: { workspace: "dev", name: source.name, version: 1 }, reason },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      scope: { kind: "registry", name: "shared" },
      name: target,
      version: 1,
      isLatest: true,
      type: "onnx",
      description: "validated candidate",
      tags: { stage: "candidate", team: "api" },
      properties: { auc: "0.91" },
      createdBy: "admin@example.com",
      publishedFrom: {
        scope: { kind: "workspace", name: "dev" },
        name: source.name,
        version: 1,
        versionId: source.version.id,
        publishedBy: "admin@example.com",
        reason,
      },
    });
    expect(res.body.id).not.toBe(source.version.id);
    const bySha = (files: any[]) => [...files].sort((a, b) => a.path.localeCompare(b.path));
    expect(bySha(res.body.files)).toEqual(bySha(source.version.files));
    expect(bySha(res.body.files).map((f: any) => f.sha256)).toEqual(
      bySha(source.files.map((f) => ({ path: f.path, sha256: sha256(f.content) }))).map((f) => f.sha256),
    );

    // The registry copy serves the same bytes, and the source knows where it was shared to.
    const file = await get(`/registries/shared/models/${target}/versions/1/files/env/conda.yaml`, admin);
    expect(file.status).toBe(200);
    expect(file.text).toBe("dependencies: [python=3.11]\n");
    const scientist = await tokenFor("scientist");
    const sourceNow = await get(`/workspaces/dev/models/${source.name}/versions/1`, scientist);
    expect(sourceNow.body.sharedTo).toEqual([
      { scope: { kind: "registry", name: "shared" }, name: target, version: 1 },
    ]);
    // Registry readers see the copy with its lineage.
    const asReader = await get(`/registries/shared/models/${target}/versions/1`, scientist);
    expect(asReader.status).toBe(200);
    expect(asReader.body.publishedFrom).toMatchObject({ name: source.name, version: 1, reason });
  });

  it("numbers a second publication of the same name as version 2", async () => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const target = uniqueName("shared-twice");
    const body = { source: { workspace: "dev", name: source.name, version: 1 }, reason: "first" };
    expect((await request("POST", publishPath("shared", target), { token: admin, json: body })).body.version).toBe(1);
    const second = await request("POST", publishPath("shared", target), {
      token: admin,
      json: { ...body, reason: "again" },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, isLatest: true, publishedFrom: { reason: "again" } });
  });

  it("turns the scientist's publication, as a reader of the registry, into a request for approval, and publishes nothing yet", async () => {
    const scientist = await tokenFor("scientist");
    const source = await devVersion();
    const target = uniqueName("not-shared");
    const res = await request("POST", publishPath("shared", target), {
      token: scientist,
      json: { source: { workspace: "dev", name: source.name, version: 1 }, reason: "please" },
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body.promotion).toMatchObject({
      kind: "publish",
      state: "pending",
      requestedBy: "scientist@example.com",
    });
    expectError(await get(publishPath("shared", target), scientist), 404, "not_found");
    // It waits for the registry's owners; the requester may take it back.
    const canceled = await request("POST", `/registries/shared/promotions/${res.body.promotion.id}/cancel`, {
      token: scientist,
      json: {},
    });
    expect(canceled.body.state).toBe("canceled");
  });

  it("answers 404 to the reviewer publishing from dev, where they are not a member", async () => {
    const reviewer = await tokenFor("reviewer");
    const source = await devVersion();
    const res = await request("POST", publishPath("shared", uniqueName("x")), {
      token: reviewer,
      json: { source: { workspace: "dev", name: source.name, version: 1 }, reason: "r" },
    });
    expectError(res, 404, "not_found");
  });

  it.each([
    ["a missing reason", (s: string) => ({ source: { workspace: "dev", name: s, version: 1 } }), /reason/],
    [
      "a blank reason",
      (s: string) => ({ source: { workspace: "dev", name: s, version: 1 }, reason: "   " }),
      /reason|why/i,
    ],
    ["a missing source", () => ({ reason: "r" }), /source/],
    [
      "a version that is not a number",
      (s: string) => ({ source: { workspace: "dev", name: s, version: "latest" }, reason: "r" }),
      /version/,
    ],
    ["a version of 0", (s: string) => ({ source: { workspace: "dev", name: s, version: 0 }, reason: "r" }), /version/],
    [
      "an unknown field",
      (s: string) => ({ source: { workspace: "dev", name: s, version: 1 }, reason: "r", force: true }),
      /force|Unrecognized/i,
    ],
  ])("answers 422 for %s", async (_label, body, message) => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const target = uniqueName("invalid");
    expect(
      expectError(
        await request("POST", publishPath("shared", target), { token: admin, json: body(source.name) }),
        422,
        "invalid",
      ),
    ).toMatch(message);
    expectError(await get(publishPath("shared", target), admin), 404, "not_found");
  });

  it("answers 422 for an invalid target name", async () => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const res = await request("POST", publishPath("shared", "-bad-name"), {
      token: admin,
      json: { source: { workspace: "dev", name: source.name, version: 1 }, reason: "r" },
    });
    expectError(res, 422, "invalid");
  });

  it("answers 404 for an unknown source model, version or workspace, and for an unknown registry", async () => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const publish = (registry: string, src: Record<string, unknown>) =>
      request("POST", publishPath(registry, uniqueName("t")), {
        token: admin,
        json: { source: { workspace: "dev", name: source.name, version: 1, ...src }, reason: "r" },
      });
    expectError(await publish("shared", { name: uniqueName("no-such-model") }), 404, "not_found");
    expectError(await publish("shared", { version: 2 }), 404, "not_found");
    expectError(await publish("shared", { workspace: uniqueName("no-such-ws") }), 404, "not_found");
    expectError(await publish(uniqueName("no-such-registry"), {}), 404, "not_found");
  });

  it("answers 400 for a body that is not JSON or empty", async () => {
    const admin = await tokenFor("admin");
    const headers = { "content-type": "application/json" };
    expectError(
      await request("POST", publishPath("shared", uniqueName("t")), { token: admin, body: '{"source":', headers }),
      400,
      "bad_request",
    );
    expectError(
      await request("POST", publishPath("shared", uniqueName("t")), { token: admin, body: "", headers }),
      400,
      "bad_request",
    );
  });

  it("records the publication in the audit trail of both the workspace and the registry, with the reason", async () => {
    const admin = await tokenFor("admin");
    const source = await devVersion();
    const target = uniqueName("audited");
    const reason = uniqueName("because");
    const published = await request("POST", publishPath("shared", target), {
      token: admin,
      json: { source: { workspace: "dev", name: source.name, version: 1 }, reason },
    });
    expect(published.status).toBe(201);

    const shared = await get(`/events?action=model.version.shared&subjectId=${source.version.id}`, admin);
    expect(shared.body.items).toHaveLength(1);
    expect(shared.body.items[0]).toMatchObject({
      actor: "admin@example.com (token)",
      reason,
      scope: { kind: "workspace", name: "dev" },
      data: { registry: "shared", registryVersion: `${target}:1` },
    });

    const registered = await get(`/events?action=model.version.registered&subjectId=${published.body.id}`, admin);
    expect(registered.body.items).toHaveLength(1);
    expect(registered.body.items[0]).toMatchObject({
      reason,
      scope: { kind: "registry", name: "shared" },
      data: { publishedFrom: `workspace/dev/${source.name}:1` },
    });
  });
});
