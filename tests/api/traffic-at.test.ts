import { describe, expect, it } from "vitest";
import {
  createVersion,
  deleteEndpointViaApi,
  deployViaApi,
  expectError,
  get,
  request,
  tokenFor,
  uniqueName,
} from "./helpers";
import { waitForDeployments } from "./scoring-helpers";

// "What served traffic when": the last traffic change at or before an instant, to the millisecond, with each
// deployment's model version named with its registry or workspace, even once the deployment is deleted.
describe("traffic at an instant", () => {
  it("answers the split in force between each of four changes within one minute, and names a deleted deployment's model", async () => {
    const admin = await tokenFor("admin");
    const model = uniqueName("served");
    await createVersion(admin, "test", model);
    const endpoint = uniqueName("when");
    const deployed = await deployViaApi("test", endpoint, ["blue"], "registries/shared/iris-classifier:1");
    const green = await request("POST", `/workspaces/test/endpoints/${endpoint}/deployments`, {
      token: admin,
      json: {
        name: "green",
        model: `${model}:1`,
        scoringMethod: "python",
        scoringScript: "score.py",
        code: { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 2\n" },
      },
    });
    expect(green.status, green.text).toBe(201);
    const settled = await waitForDeployments(admin, "test", endpoint);
    expect(settled.deployments.map((d: { state: string }) => d.state)).toEqual(["succeeded", "succeeded"]);

    const started = Date.now();
    const settings = [
      { traffic: { blue: 90, green: 10 }, reason: "canary" },
      { traffic: { blue: 50, green: 50 }, reason: "half" },
      { traffic: { blue: 100 }, mirror: { deployment: "green", percent: 20 }, reason: "shadow" },
      { traffic: { blue: 100 }, reason: "green out" },
    ];
    for (const json of settings) {
      const res = await request("PUT", `/workspaces/test/endpoints/${endpoint}/traffic`, { token: admin, json });
      expect(res.status, res.text).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    const removed = await request("DELETE", `/workspaces/test/endpoints/${endpoint}/deployments/green`, {
      token: admin,
    });
    expect(removed.status, removed.text).toBe(204);

    const reviewer = await tokenFor("reviewer");
    const history = (await get(`/workspaces/test/endpoints/${endpoint}/traffic`, reviewer)).body.history as {
      at: string;
      reason: string;
    }[];
    // Oldest first: the first deployment's automatic 100 %, then the four changes.
    const changes = history.slice().reverse();
    expect(changes.map((c) => c.reason)).toEqual([
      "The endpoint's first deployment takes all its traffic.",
      "canary",
      "half",
      "shadow",
      "green out",
    ]);
    const at = (instant: Date) =>
      get(`/workspaces/test/endpoints/${endpoint}/traffic?at=${encodeURIComponent(instant.toISOString())}`, reviewer);
    const shares = (body: { live: { deployment: string; percent: number }[] }) =>
      Object.fromEntries(body.live.map((s) => [s.deployment, s.percent]));
    const expected = [{ blue: 100 }, { blue: 90, green: 10 }, { blue: 50, green: 50 }, { blue: 100 }, { blue: 100 }];
    for (const [i, change] of changes.entries()) {
      const time = new Date(change.at).getTime();
      const answer = (await at(new Date(time))).body;
      expect(answer.change.reason, `at change ${i}`).toBe(change.reason);
      expect(shares(answer)).toEqual(expected[i]);
      // Just before the next change (when it is at least 2 ms later), this one is still in force.
      const next = changes[i + 1];
      if (next && new Date(next.at).getTime() - time >= 2) {
        const before = (await at(new Date(new Date(next.at).getTime() - 1))).body;
        expect(before.change.reason).toBe(change.reason);
      }
    }

    // At 50/50, each deployment's model with where it lives; green is gone now and is said to be.
    const half = (await at(new Date(changes[2]!.at))).body;
    expect(half.live).toEqual([
      {
        deployment: "blue",
        percent: 50,
        deploymentExists: true,
        model: {
          scope: { kind: "registry", name: "shared" },
          name: "iris-classifier",
          version: 1,
          label: "registries/shared/iris-classifier:1",
        },
      },
      {
        deployment: "green",
        percent: 50,
        deploymentExists: false,
        model: { scope: { kind: "workspace", name: "test" }, name: model, version: 1, label: `${model}:1` },
      },
    ]);
    const shadow = (await at(new Date(changes[3]!.at))).body;
    expect(shadow.mirror).toMatchObject({ deployment: "green", percent: 20, deploymentExists: false });

    // Before the endpoint existed: nothing, and said so.
    const before = (await at(new Date(new Date(changes[0]!.at).getTime() - 3_600_000))).body;
    expect(before).toMatchObject({ existed: false, change: null, live: [], mirror: null });

    expectError(await get(`/workspaces/test/endpoints/${endpoint}/traffic?at=yesterday`, reviewer), 422, "invalid");
    // Someone outside a workspace learns nothing of its endpoints' past either.
    expectError(
      await get("/workspaces/dev/endpoints/iris-online/traffic?at=2026-01-01T00:00:00Z", reviewer),
      404,
      "not_found",
    );
    await deleteEndpointViaApi(deployed);
  });
});
