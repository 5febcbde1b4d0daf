import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

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
  nodes: [{ kind: "step", id: step, position: { x: 10, y: 20 }, component, bindings: { raw: { kind: "data", ref: "iris:1" } } }],
  edges: [],
  settings: { defaultCompute: "local" },
});

describe("pipelines API", () => {
  it("creates, lists, opens, saves over the opened revision and refuses a stale save with 409", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("API pipeline");
    const created = await request("POST", base(), { token, json: { name, description: "from the API", graph: graph() } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name, revision: 1, stepCount: 1, versionCount: 0, graph: graph(), clones: [], versions: [] });
    const id = created.body.id as string;

    const listed = await get(`${base()}?q=${encodeURIComponent(name)}`, token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([id]);

    const saved = await request("PUT", `${base()}/${id}`, { token, json: { revision: 1, graph: graph("prepare_data"), name: `${name} v2` } });
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
    expect(clone.body).toMatchObject({ name: "Cloned from API (copy)", clonedFrom: { id, name: "Cloned from API" }, graph: graph() });
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
    expectError(await request("POST", base(), { token, body: "{not json", headers: { "content-type": "application/json" } }), 400, "bad_request");
    const created = await request("POST", base(), { token, json: { name: uniqueName("p") } });
    expectError(await request("PUT", `${base()}/${created.body.id}`, { token, json: { name: "no revision" } }), 422, "invalid");

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
