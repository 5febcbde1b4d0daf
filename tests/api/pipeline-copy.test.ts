import { describe, expect, it } from "vitest";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

// Develop in dev, retrain in prod on prod data: a pipeline copied to prod reports every reference against what
// prod has, and is copied only once each one that is not matched has a choice.
describe("POST …/pipelines/{pipeline}/copy", () => {
  it("flags prod's missing data asset and components, copies only with a choice for each, and remembers the origin", async () => {
    const admin = await tokenFor("admin");
    const found = await get(`/workspaces/dev/pipelines?q=${encodeURIComponent("Iris: prepare")}`, admin);
    const id = found.body.items[0].id as string;
    const path = `/workspaces/dev/pipelines/${id}/copy`;

    const report = await request("POST", path, { token: admin, json: { targetWorkspace: "prod" } });
    expect(report.status, report.text).toBe(200);
    expect(report.body.pipeline).toBeNull();
    const byKey = Object.fromEntries(report.body.references.map((r: { key: string }) => [r.key, r]));
    expect(byKey["data:iris:1"]).toMatchObject({
      kind: "data",
      status: "missing",
      usedBy: ["input raw_data"],
      note: 'Workspace prod has no data "iris".',
    });
    expect(byKey["component:train_model:1"]).toMatchObject({ kind: "component", status: "missing" });

    // Nothing is created until every reference not matched has a choice.
    expect(
      expectError(
        await request("POST", path, {
          token: admin,
          json: { targetWorkspace: "prod", confirm: { "data:iris:1": "keep" } },
        }),
        409,
        "conflict",
      ),
    ).toContain("component:train_model:1");
    const before = (await get("/workspaces/prod/pipelines", admin)).body.items.length;

    const confirm = Object.fromEntries(report.body.references.map((r: { key: string }) => [r.key, "keep"]));
    confirm["data:iris:1"] = "use:registries/shared/iris-holdout:1";
    const name = uniqueName("prod copy");
    const copied = await request("POST", path, { token: admin, json: { targetWorkspace: "prod", name, confirm } });
    expect(copied.status, copied.text).toBe(201);
    expect(copied.body.pipeline).toMatchObject({ name, workspace: "prod", copiedFrom: { workspace: "dev", id } });
    const graph = copied.body.pipeline.graph;
    expect(graph.nodes.find((n: { id: string }) => n.id === "input:raw_data").defaultData).toBe(
      "registries/shared/iris-holdout:1",
    );
    expect(graph.nodes.find((n: { id: string }) => n.id === "train").component).toMatchObject({
      scopeKind: "workspace",
      scopeName: "prod",
      name: "train_model",
      version: 1,
    });
    expect((await get("/workspaces/prod/pipelines", admin)).body.items.length).toBe(before + 1);

    // Read the source, write the target: anyone else is refused, and nothing is copied.
    expectError(
      await request("POST", path, { token: await tokenFor("scientist"), json: { targetWorkspace: "prod" } }),
      404,
      "not_found",
    );
    expectError(
      await request("POST", path, { token: await tokenFor("reviewer"), json: { targetWorkspace: "prod" } }),
      404,
      "not_found",
    );
    expectError(await request("POST", path, { token: admin, json: { targetWorkspace: "dev" } }), 422, "invalid");
    expectError(
      await request("POST", path, {
        token: admin,
        json: { targetWorkspace: "prod", confirm: { "data:iris:1": "maybe" } },
      }),
      422,
      "invalid",
    );
    expect((await get("/workspaces/prod/pipelines", admin)).body.items.length).toBe(before + 1);
  });
});
