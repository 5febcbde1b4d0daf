import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";
import { score, waitForDeployments } from "./scoring-helpers";

// The production overview: what serves each prod endpoint, its health over the last 24 hours, and at a past
// instant what served then.
describe("GET /api/v1/production", () => {
  it("shows each prod endpoint's deployments, models, traffic, requests and the last change, to prod readers only", async () => {
    const admin = await tokenFor("admin");
    const reviewer = await tokenFor("reviewer");
    const endpoint = uniqueName("overview");
    const created = await request("POST", "/workspaces/prod/endpoints", { token: admin, json: { name: endpoint } });
    expect(created.status, created.text).toBe(201);
    const beforeDeploy = new Date();
    const deployed = await request("POST", `/workspaces/prod/endpoints/${endpoint}/deployments`, {
      token: admin,
      json: { name: "blue", model: "registries/shared/iris-sgd:1", reason: "overview test" },
    });
    expect(deployed.status, deployed.text).toBe(201);
    await waitForDeployments(admin, "prod", endpoint);
    const key = created.body.keys.primaryKey as string;
    const body = JSON.stringify({ data: [[5.1, 3.5, 1.4, 0.2]] });
    for (let i = 0; i < 5; i++) expect((await score("prod", endpoint, body, key)).status).toBe(200);

    const rowOf = (overview: { workspaces: { name: string; endpoints: { name: string }[] }[] }) =>
      overview.workspaces.find((w) => w.name === "prod")?.endpoints.find((e) => e.name === endpoint) as any;
    // The counters are flushed every few seconds: wait for the five requests.
    const overview = await waitFor(
      async () => (await get("/production", reviewer)).body,
      (o) => rowOf(o)?.deployments[0]?.requests24h === 5,
    );
    expect(overview.workspaces.map((w: { name: string }) => w.name)).toEqual(["prod"]);
    const row = rowOf(overview);
    expect(row.deployments).toEqual([
      expect.objectContaining({
        name: "blue",
        state: "succeeded",
        exists: true,
        traffic: 100,
        model: {
          scope: { kind: "registry", name: "shared" },
          name: "iris-sgd",
          version: 1,
          label: "registries/shared/iris-sgd:1",
        },
        requests24h: 5,
        errorRate24h: 0,
      }),
    ]);
    expect(row.deployments[0].p95Ms24h).toBeGreaterThan(0);
    expect(row.lastChange).toMatchObject({ by: "studio" });

    // Before it was deployed the endpoint served nothing; before it existed it is not there.
    const then = (await get(`/production?at=${encodeURIComponent(beforeDeploy.toISOString())}`, reviewer)).body;
    expect(rowOf(then)).toMatchObject({ deployments: [] });
    const earlier = new Date(beforeDeploy.getTime() - 3_600_000).toISOString();
    expect(rowOf((await get(`/production?at=${encodeURIComponent(earlier)}`, reviewer)).body)).toBeUndefined();

    // Not a prod member: no prod workspace. A bad instant: 422.
    expect((await get("/production", await tokenFor("scientist"))).body.workspaces).toEqual([]);
    expectError(await get("/production?at=tomorrow", reviewer), 422, "invalid");
    expectError(await get("/production", null), 401, "unauthorized");
    // Deleted, it is gone from today's overview; asked about when it served, it is there, marked deleted since.
    const served = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect((await request("DELETE", `/workspaces/prod/endpoints/${endpoint}`, { token: admin })).status).toBe(204);
    expect(rowOf((await get("/production", reviewer)).body)).toBeUndefined();
    const past = rowOf((await get(`/production?at=${encodeURIComponent(served.toISOString())}`, reviewer)).body);
    expect(past).toMatchObject({
      exists: false,
      deployments: [
        expect.objectContaining({ name: "blue", exists: false, state: "deleted", traffic: 100, requests24h: 5 }),
      ],
    });
  });
});
