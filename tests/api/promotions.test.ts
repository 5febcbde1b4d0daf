import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";
import { waitForDeployments } from "./scoring-helpers";

// Approvals: under prod's policy a deployment or a traffic change becomes a promotion request that a named
// reviewer (a reader in prod) decides; the requester cannot approve it, and a decided request never changes.
// The policy is put back as it was (nothing required) when the file ends: other files deploy in prod.

const policyPath = "/workspaces/prod/policy";
const NONE = {};
let admin: string;
let reviewer: string;

async function newEndpoint(): Promise<string> {
  const name = uniqueName("gated");
  const res = await request("POST", "/workspaces/prod/endpoints", { token: admin, json: { name } });
  expect(res.status, res.text).toBe(201);
  return name;
}

const deploy = (endpoint: string, json: Record<string, unknown>) =>
  request("POST", `/workspaces/prod/endpoints/${endpoint}/deployments`, { token: admin, json });
const decide = (id: string, verb: string, token: string, comment?: string) =>
  request("POST", `/workspaces/prod/promotions/${id}/${verb}`, { token, json: comment ? { comment } : {} });

beforeAll(async () => {
  admin = await tokenFor("admin");
  reviewer = await tokenFor("reviewer");
  const set = await request("PUT", policyPath, {
    token: admin,
    json: { requireApproval: { deploy: true, traffic: true }, approvers: ["reviewer@example.com"], minApprovals: 1 },
  });
  expect(set.status, set.text).toBe(200);
});

afterAll(async () => {
  await request("PUT", policyPath, { token: admin, json: NONE });
});

describe("promotion requests", () => {
  it("turn a prod deployment into a pending request; the requester cannot approve; the named reviewer approves and it is created", async () => {
    const endpoint = await newEndpoint();
    const body = { name: "cand", model: "registries/shared/iris-sgd:1", reason: "Trial of the SGD model" };
    expect(
      expectError(await deploy(endpoint, { name: "cand", model: "registries/shared/iris-sgd:1" }), 422, "invalid"),
    ).toContain("reason");

    const held = await deploy(endpoint, body);
    expect(held.status, held.text).toBe(202);
    const promotion = held.body.promotion;
    expect(promotion).toMatchObject({
      kind: "deploy",
      state: "pending",
      reason: "Trial of the SGD model",
      endpoint,
      requestedBy: "admin@example.com",
      model: { scope: { kind: "registry", name: "shared" }, name: "iris-sgd", version: 1 },
      policy: { approvers: ["reviewer@example.com"], minApprovals: 1 },
      canApprove: false,
      canCancel: true,
    });
    // The evidence froze the model's lineage: its training metrics and commit.
    expect(promotion.evidence.lineage.metrics.val_accuracy.last).toBeGreaterThan(0.8);
    expect(promotion.evidence.lineage.git.commit).toEqual(expect.any(String));
    // Nothing changed.
    expect((await get(`/workspaces/prod/endpoints/${endpoint}`, admin)).body.deployments).toEqual([]);

    expectError(await decide(promotion.id, "approve", admin), 403, "forbidden");
    expectError(await decide(promotion.id, "approve", await tokenFor("scientist")), 404, "not_found");
    const inbox = await get("/promotions?for=me", reviewer);
    expect(inbox.body.items.map((p: { id: string }) => p.id)).toContain(promotion.id);
    expect((await get("/promotions?for=mine", admin)).body.items.map((p: { id: string }) => p.id)).toContain(
      promotion.id,
    );
    // The reviewer hears of it.
    await waitFor(
      async () => (await get("/notifications?unread=1", reviewer)).body.items as { eventType: string; link: string }[],
      (items) => items.some((n) => n.eventType === "promotion.requested" && n.link.endsWith(promotion.id)),
    );

    const approved = await decide(promotion.id, "approve", reviewer, "Metrics and card look right.");
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      state: "approved",
      approvals: 1,
      result: `deployment ${endpoint}/cand`,
      applyError: null,
      decisions: [{ user: "reviewer@example.com", decision: "approve", comment: "Metrics and card look right." }],
    });
    expect(approved.body.appliedAt).toEqual(expect.any(String));
    const settled = await waitForDeployments(admin, "prod", endpoint);
    expect(settled.deployments.map((d: { name: string; model: { label: string } }) => [d.name, d.model.label])).toEqual(
      [["cand", "registries/shared/iris-sgd:1"]],
    );
    // Decided is final.
    expectError(await decide(promotion.id, "approve", reviewer), 409, "conflict");
    expectError(await decide(promotion.id, "reject", reviewer), 409, "conflict");
    expectError(await decide(promotion.id, "cancel", admin), 409, "conflict");
    const trail = await get(`/events?subjectId=${promotion.id}`, admin);
    expect(trail.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      "promotion.requested",
      "promotion.approved",
      "promotion.applied",
    ]);
  });

  it("keeps a rejected traffic change rejected, and the traffic as it was", async () => {
    const endpoint = await newEndpoint();
    const first = await deploy(endpoint, { name: "blue", model: "iris-classifier:1", reason: "first" });
    expect(first.status).toBe(202);
    expect((await decide(first.body.promotion.id, "approve", reviewer)).body.state).toBe("approved");
    await waitForDeployments(admin, "prod", endpoint);

    const change = await request("PUT", `/workspaces/prod/endpoints/${endpoint}/traffic`, {
      token: admin,
      json: { traffic: { blue: 0 }, reason: "drain" },
    });
    expect(change.status, change.text).toBe(202);
    expect(change.body.promotion).toMatchObject({ kind: "traffic", state: "pending" });
    const rejected = await decide(change.body.promotion.id, "reject", reviewer, "No: nothing would serve.");
    expect(rejected.body).toMatchObject({ state: "rejected", appliedAt: null });
    expectError(await decide(change.body.promotion.id, "approve", reviewer), 409, "conflict");
    expectError(await decide(change.body.promotion.id, "cancel", admin), 409, "conflict");
    expect((await get(`/workspaces/prod/promotions/${change.body.promotion.id}`, admin)).body.state).toBe("rejected");
    expect((await get(`/workspaces/prod/endpoints/${endpoint}`, admin)).body.traffic).toEqual({ blue: 100 });
    // A traffic setting that could never apply is refused at once, not held.
    expectError(
      await request("PUT", `/workspaces/prod/endpoints/${endpoint}/traffic`, {
        token: admin,
        json: { traffic: { blue: 50 }, reason: "typo" },
      }),
      422,
      "invalid",
    );
  });

  it("lets exactly one of two decisions at once win", async () => {
    const endpoint = await newEndpoint();
    const held = await deploy(endpoint, { name: "race", model: "iris-classifier:1", reason: "race" });
    const id = held.body.promotion.id;
    const answers = await Promise.all([decide(id, "approve", reviewer), decide(id, "reject", reviewer)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const final = (await get(`/workspaces/prod/promotions/${id}`, admin)).body;
    expect(final.decisions).toHaveLength(1);
    expect(final.state).toBe(answers.find((a) => a.status === 200)!.body.state);
  });

  it("refuses workspace models where only registry models may be deployed, and lets the requester cancel", async () => {
    const set = await request("PUT", policyPath, {
      token: admin,
      json: { requireApproval: { deploy: true }, approvers: ["reviewer@example.com"], registryAssetsOnly: true },
    });
    expect(set.body).toMatchObject({ registryAssetsOnly: true, requireApproval: { deploy: true, traffic: false } });
    const endpoint = await newEndpoint();
    expect(
      expectError(await deploy(endpoint, { name: "local", model: "iris-classifier:1", reason: "x" }), 422, "invalid"),
    ).toContain("Only registry model versions");
    const held = await deploy(endpoint, { name: "shared", model: "registries/shared/iris-classifier:1", reason: "y" });
    expect(held.status).toBe(202);
    expectError(await decide(held.body.promotion.id, "cancel", reviewer), 403, "forbidden");
    expect((await decide(held.body.promotion.id, "cancel", admin)).body.state).toBe("canceled");
  });

  it("refuses to approve while the policy asks for a model card the version lacks", async () => {
    const set = await request("PUT", policyPath, {
      token: admin,
      json: { requireApproval: { deploy: true }, approvers: ["reviewer@example.com"], requireModelCard: true },
    });
    expect(set.body).toMatchObject({ requireModelCard: true });
    const endpoint = await newEndpoint();
    const held = await deploy(endpoint, { name: "carded", model: "registries/shared/iris-classifier:1", reason: "z" });
    expect(held.status, held.text).toBe(202);
    expect(expectError(await decide(held.body.promotion.id, "approve", reviewer), 409, "conflict")).toContain(
      "model card",
    );
    expect((await get(`/workspaces/prod/promotions/${held.body.promotion.id}`, admin)).body).toMatchObject({
      state: "pending",
      decisions: [],
    });
    expect((await decide(held.body.promotion.id, "cancel", admin)).body.state).toBe("canceled");
  });

  it("checks policies: owners only, approvers must be members, and each scope governs its own changes", async () => {
    const scientist = await tokenFor("scientist");
    expectError(await request("PUT", "/workspaces/test/policy", { token: scientist, json: {} }), 403, "forbidden");
    expectError(await request("PUT", "/workspaces/dev/policy", { token: reviewer, json: {} }), 404, "not_found");
    expect(
      expectError(
        await request("PUT", "/workspaces/test/policy", { token: admin, json: { approvers: ["nobody@example.com"] } }),
        422,
        "invalid",
      ),
    ).toContain("nobody@example.com");
    expectError(
      await request("PUT", "/workspaces/test/policy", { token: admin, json: { requireApproval: { publish: true } } }),
      422,
      "invalid",
    );
    expectError(
      await request("PUT", "/workspaces/test/policy", {
        token: admin,
        json: { approvers: ["reviewer@example.com"], minApprovals: 2 },
      }),
      422,
      "invalid",
    );
    expectError(
      await request("PUT", "/workspaces/test/policy", { token: admin, json: { approvers: ["role:god"] } }),
      422,
      "invalid",
    );
    expect((await get("/workspaces/test/policy", reviewer)).body).toMatchObject({
      requireApproval: { deploy: false, traffic: false, publish: false },
      approvers: ["role:owner"],
    });
  });

  it("lets a registry reader request publication, which a registry owner approves", async () => {
    const scientist = await tokenFor("scientist");
    const target = uniqueName("requested");
    const asked = await request("POST", `/registries/shared/models/${target}/versions`, {
      token: scientist,
      json: { source: { workspace: "dev", name: "iris-sgd", version: 1 }, reason: "Ready for test" },
    });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body.promotion).toMatchObject({
      kind: "publish",
      state: "pending",
      scope: { kind: "registry", name: "shared" },
    });
    expectError(await get(`/registries/shared/models/${target}/versions/1`, scientist), 404, "not_found");
    const approved = await request("POST", `/registries/shared/promotions/${asked.body.promotion.id}/approve`, {
      token: admin,
      json: {},
    });
    expect(approved.body).toMatchObject({ state: "approved", applyError: null });
    const copy = await get(`/registries/shared/models/${target}/versions/1`, scientist);
    expect(copy.status, copy.text).toBe(200);
    expect(copy.body.publishedFrom).toMatchObject({ name: "iris-sgd", publishedBy: "scientist@example.com" });
  });
});
