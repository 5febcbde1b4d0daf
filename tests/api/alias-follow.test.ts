import { afterAll, describe, expect, it } from "vitest";
import { createVersion, deleteEndpointViaApi, expectError, get, request, tokenFor, uniqueName } from "./helpers";
import { waitForDeployments } from "./scoring-helpers";

// A deployment created with `model@alias` follows the alias: when the alias moves, the deployment serves the new
// version (an event and the traffic history say so). Where the deployment's workspace requires approval to deploy,
// the move becomes a "follow" promotion request that the workspace's approvers decide. prod's policy is put back
// (nothing required) when the file ends: other files deploy in prod.

const SCRIPT = { "score.py": "def init():\n    pass\n\ndef run(raw_data):\n    return 1\n" };

async function newEndpoint(token: string, workspace: string): Promise<string> {
  const name = uniqueName("follow").slice(0, 24);
  const res = await request("POST", `/workspaces/${workspace}/endpoints`, { token, json: { name } });
  expect(res.status, res.text).toBe(201);
  return name;
}

const deploy = (token: string, workspace: string, endpoint: string, model: string, extra = {}) =>
  request("POST", `/workspaces/${workspace}/endpoints/${endpoint}/deployments`, {
    token,
    json: { name: "blue", model, scoringMethod: "python", scoringScript: "score.py", code: SCRIPT, ...extra },
  });

const setAlias = (token: string, model: string, alias: string, version: number, reason?: string) =>
  request("PUT", `${model}/aliases/${alias}`, { token, json: { version, ...(reason ? { reason } : {}) } });

const servedVersion = async (token: string, workspace: string, endpoint: string) => {
  const deployment = (await get(`/workspaces/${workspace}/endpoints/${endpoint}`, token)).body.deployments[0];
  return { version: deployment.model.version as number, followsAlias: deployment.followsAlias as string | null };
};

afterAll(async () => {
  await request("PUT", "/workspaces/prod/policy", { token: await tokenFor("admin"), json: {} });
});

describe("deployments that follow a model alias", () => {
  it("move with the alias, and the traffic history says what served when", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("follow");
    await createVersion(token, "dev", name, [{ path: "model.bin", content: "w1" }]);
    await createVersion(token, "dev", name, [{ path: "model.bin", content: "w2" }]);
    const model = `/workspaces/dev/models/${name}`;
    const endpoint = await newEndpoint(token, "dev");

    // Bad references: an alias that is not set, a version and an alias at once.
    expect(expectError(await deploy(token, "dev", endpoint, `${name}@champion`), 404, "not_found")).toContain(
      `${name}@champion`,
    );
    expectError(await deploy(token, "dev", endpoint, `${name}:1@champion`), 422, "invalid");

    expect((await setAlias(token, model, "champion", 1)).status).toBe(200);
    const deployed = await deploy(token, "dev", endpoint, `${name}@champion`);
    expect(deployed.status, deployed.text).toBe(201);
    expect(deployed.body).toMatchObject({ followsAlias: "champion", model: { name, version: 1 } });
    // Up, so the first deployment's automatic 100 % is in the history before the move.
    await waitForDeployments(token, "dev", endpoint);

    // Another alias moving changes nothing here.
    const other = await setAlias(token, model, "challenger", 2);
    expect(other.body.followers).toEqual([]);
    expect(await servedVersion(token, "dev", endpoint)).toEqual({ version: 1, followsAlias: "champion" });

    const moved = await setAlias(token, model, "champion", 2, "v2 wins the comparison");
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.followers).toEqual([{ workspace: "dev", endpoint, deployment: "blue", outcome: "moved" }]);
    expect(await servedVersion(token, "dev", endpoint)).toEqual({ version: 2, followsAlias: "champion" });
    // Setting the alias where it already points moves nothing.
    expect((await setAlias(token, model, "champion", 2)).body.followers).toEqual([]);

    const events = await get(`/events?subjectId=${deployed.body.id}&action=deployment.updated`, token);
    expect(events.body.items[0]).toMatchObject({
      reason: "v2 wins the comparison",
      data: { changed: { model: `${name}:2` }, followsAlias: "champion" },
    });
    const history = (await get(`/workspaces/dev/endpoints/${endpoint}/traffic`, token)).body.history as {
      at: string;
      reason: string;
      deployments: Record<string, { model: { version: number } }>;
    }[];
    expect(history[0]!.reason).toBe(`blue follows @champion, which now names ${name}:2: v2 wins the comparison`);
    expect(history[0]!.deployments.blue!.model.version).toBe(2);
    const before = new Date(new Date(history[0]!.at).getTime() - 1).toISOString();
    const then = await get(`/workspaces/dev/endpoints/${endpoint}/traffic?at=${encodeURIComponent(before)}`, token);
    expect(then.body.live).toEqual([expect.objectContaining({ deployment: "blue", percent: 100 })]);
    expect(then.body.live[0].model.version).toBe(1);

    // Removing the alias leaves the deployment on its version, still following the name.
    expect((await request("DELETE", `${model}/aliases/champion`, { token })).status).toBe(204);
    expect(await servedVersion(token, "dev", endpoint)).toEqual({ version: 2, followsAlias: "champion" });
    await deleteEndpointViaApi({ workspace: "dev", endpoint });
  });

  it("end on the alias's final version when it moves many times at once", async () => {
    const token = await tokenFor("scientist");
    const name = uniqueName("follow-race");
    for (const w of ["a", "b", "c"]) await createVersion(token, "dev", name, [{ path: "model.bin", content: w }]);
    const model = `/workspaces/dev/models/${name}`;
    expect((await setAlias(token, model, "champion", 1)).status).toBe(200);
    const endpoint = await newEndpoint(token, "dev");
    expect((await deploy(token, "dev", endpoint, `${name}@champion`)).status).toBe(201);
    const targets = [2, 3, 1, 3, 2, 1, 2, 3];
    const answers = await Promise.all(targets.map((v) => setAlias(token, model, "champion", v, `to ${v}`)));
    expect(answers.map((a) => a.status)).toEqual(targets.map(() => 200));
    const aliases = (await get(`${model}/aliases`, token)).body.aliases as { alias: string; version: number }[];
    const final = aliases.find((a) => a.alias === "champion")!.version;
    expect(await servedVersion(token, "dev", endpoint)).toEqual({ version: final, followsAlias: "champion" });
    // Every move the deployment made is in the traffic history, and the newest names the final version.
    const history = (await get(`/workspaces/dev/endpoints/${endpoint}/traffic`, token)).body.history as {
      deployments: Record<string, { model: { version: number } }>;
    }[];
    expect(history[0]!.deployments.blue!.model.version).toBe(final);
    await deleteEndpointViaApi({ workspace: "dev", endpoint });
  });

  it("under a policy, become a follow request that an approver decides; a stale request is not applied", async () => {
    const admin = await tokenFor("admin");
    const reviewer = await tokenFor("reviewer");
    const name = uniqueName("follow-reg");
    for (const w of ["r1", "r2", "r3"])
      await createVersion(admin, "shared", name, [{ path: "model.bin", content: w }], {}, "registries");
    const model = `/registries/shared/models/${name}`;
    expect((await setAlias(admin, model, "champion", 1)).status).toBe(200);
    // One follower in test (no policy), one in prod, where deploying needs the reviewer's approval.
    const inTest = await newEndpoint(admin, "test");
    const inProd = await newEndpoint(admin, "prod");
    for (const [workspace, endpoint] of [
      ["test", inTest],
      ["prod", inProd],
    ] as const)
      expect((await deploy(admin, workspace, endpoint, `registries/shared/${name}@champion`)).status).toBe(201);
    const policy = await request("PUT", "/workspaces/prod/policy", {
      token: admin,
      json: { requireApproval: { deploy: true }, approvers: ["reviewer@example.com"] },
    });
    expect(policy.status, policy.text).toBe(200);

    const moved = await setAlias(admin, model, "champion", 2, "better recall");
    expect(moved.status, moved.text).toBe(200);
    const followers = moved.body.followers as { workspace: string; outcome: string; request?: number }[];
    expect(followers.find((f) => f.workspace === "test")).toMatchObject({ outcome: "moved" });
    const held = followers.find((f) => f.workspace === "prod")!;
    expect(held).toMatchObject({ endpoint: inProd, deployment: "blue", outcome: "requested" });
    expect(await servedVersion(admin, "test", inTest)).toMatchObject({ version: 2 });
    expect(await servedVersion(admin, "prod", inProd)).toMatchObject({ version: 1 });

    const inbox = (await get("/promotions?for=me", reviewer)).body.items as { number: number; kind: string }[];
    const request_ = inbox.find((p) => p.kind === "follow" && p.number === held.request) as any;
    expect(request_).toMatchObject({
      state: "pending",
      endpoint: inProd,
      summary: `Move ${inProd}/blue to registries/shared/${name}:2, as @champion moved`,
      reason: `better recall (@champion now names registries/shared/${name}:2.)`,
      model: { scope: { kind: "registry", name: "shared" }, name, version: 2 },
      requestedBy: "admin@example.com",
      canApprove: true,
    });
    expectError(
      await request("POST", `/workspaces/prod/promotions/${request_.id}/approve`, { token: admin, json: {} }),
      403,
      "forbidden",
    );
    const approved = await request("POST", `/workspaces/prod/promotions/${request_.id}/approve`, {
      token: reviewer,
      json: { comment: "monitors are clean" },
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: "approved",
      applyError: null,
      result: `deployment ${inProd}/blue serves registries/shared/${name}:2`,
    });
    expect(await servedVersion(admin, "prod", inProd)).toMatchObject({ version: 2 });

    // The alias moves on twice; approving the first of those requests applies nothing, as the alias moved again.
    const third = await setAlias(admin, model, "champion", 3, "v3");
    const back = await setAlias(admin, model, "champion", 2, "v3 regressed");
    const stale = third.body.followers.find((f: { workspace: string }) => f.workspace === "prod");
    expect(stale).toMatchObject({ outcome: "requested" });
    // prod serves 2 already, which @champion names again: nothing to move, nothing to ask.
    expect(back.body.followers.find((f: { workspace: string }) => f.workspace === "prod")).toBeUndefined();
    const staleRequest = (
      (await get("/workspaces/prod/promotions?state=pending", reviewer)).body.items as { id: string; number: number }[]
    ).find((p) => p.number === stale.request)!;
    const refused = await request("POST", `/workspaces/prod/promotions/${staleRequest.id}/approve`, {
      token: reviewer,
      json: {},
    });
    expect(refused.status, refused.text).toBe(200);
    expect(refused.body.state).toBe("approved");
    expect(refused.body.applyError).toBe("@champion has moved again since this was requested (now version 2).");
    expect(await servedVersion(admin, "prod", inProd)).toMatchObject({ version: 2 });

    for (const [workspace, endpoint] of [
      ["test", inTest],
      ["prod", inProd],
    ])
      await deleteEndpointViaApi({ workspace, endpoint });
  });
});
