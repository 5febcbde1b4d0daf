import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";
import { expectError, get, request, tokenFor, uniqueName } from "./helpers";

// Automation rules over HTTP against the running studio: the seeded rule acts on a real training job,
// rules are managed with the roles everywhere else has, and bad rules are refused saying why.

const SEEDED = "register good iris models";

async function seededRule(token: string) {
  const rules = (await get("/workspaces/dev/automations", token)).body.items as { id: string; name: string }[];
  return rules.find((r) => r.name === SEEDED)!;
}

describe("automation rules", () => {
  it("the seeded rule registers a real training job's model as a candidate", async () => {
    const scientist = await tokenFor("scientist");
    const rule = await seededRule(scientist);
    expect(rule).toMatchObject({
      isEnabled: true,
      trigger: { eventTypes: ["job.completed"], experiment: "iris-sklearn", condition: "metrics.val_accuracy >= 0.9" },
      actions: [{ type: "register_model", output: "model", model: "iris-sgd", tags: { stage: "candidate" } }],
      createdBy: "scientist@example.com",
    });
    const submitted = await request("POST", "/workspaces/dev/command-jobs", {
      token: scientist,
      json: { example: "train-iris", displayName: "rule candidate" },
    });
    expect(submitted.status, submitted.text).toBe(201);
    const job = submitted.body.name as string;
    const firings = await waitFor(
      async () => (await get(`/workspaces/dev/automations/${rule.id}/firings`, scientist)).body.items as any[],
      (items) =>
        items.some((f) => f.eventSubject === `jobs/${job}` && f.status !== "pending" && f.status !== "running"),
      120_000,
    );
    const firing = firings.find((f) => f.eventSubject === `jobs/${job}`);
    expect(firing, JSON.stringify(firing)).toMatchObject({ status: "succeeded", eventType: "job.completed", depth: 0 });
    const link = firing.results[0].link as string;
    expect(link).toMatch(/^\/workspaces\/dev\/models\/iris-sgd\/versions\/\d+$/);
    const version = (await get(link, scientist)).body;
    expect(version).toMatchObject({
      name: "iris-sgd",
      tags: { stage: "candidate", "source-job": job },
      source: { jobId: job },
    });
    expect(version.description).toMatch(/^Registered by the rule: val_accuracy 0\.9\d*\.$/);
  });

  it("is created, changed and deleted by its author or an owner; readers and strangers cannot", async () => {
    const scientist = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const reviewer = await tokenFor("reviewer");
    const name = uniqueName("rule");
    const body = {
      name,
      trigger: { eventTypes: ["model.version.*"], tags: "stage=production" },
      actions: [{ type: "notify", message: "${{event.subject}} is in production" }],
      cooldownSeconds: 60,
    };
    const created = await request("POST", "/workspaces/dev/automations", { token: scientist, json: body });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name,
      isEnabled: true,
      cooldownSeconds: 60,
      canManage: true,
      lastFiredAt: null,
    });
    const id = created.body.id as string;
    expectError(
      await request("POST", "/workspaces/dev/automations", { token: scientist, json: body }),
      409,
      "conflict",
    );

    // The reviewer is not a member of dev: the rules are not there for them.
    expectError(await get(`/workspaces/dev/automations/${id}`, reviewer), 404, "not_found");
    expectError(
      await request("POST", "/workspaces/dev/automations", { token: reviewer, json: body }),
      404,
      "not_found",
    );
    // In test, where the reviewer reads, they cannot make rules.
    expectError(
      await request("POST", "/workspaces/test/automations", { token: reviewer, json: body }),
      403,
      "forbidden",
    );

    const off = await request("PATCH", `/workspaces/dev/automations/${id}`, {
      token: admin,
      json: { isEnabled: false },
    });
    expect(off.status, off.text).toBe(200);
    expect(off.body.isEnabled).toBe(false);
    expect((await get(`/workspaces/dev/automations/${id}/firings`, scientist)).body).toEqual({ items: [] });
    expect((await request("DELETE", `/workspaces/dev/automations/${id}`, { token: scientist })).status).toBe(204);
    expectError(await get(`/workspaces/dev/automations/${id}`, scientist), 404, "not_found");
  });

  it("refuses bad rules with a clear 422 and changes nothing", async () => {
    const scientist = await tokenFor("scientist");
    const before = (await get("/workspaces/dev/automations", scientist)).body.items.length;
    const base = { name: uniqueName("bad"), trigger: { eventTypes: ["job.completed"] }, actions: [{ type: "notify" }] };
    const cases: [unknown, RegExp][] = [
      [{ ...base, trigger: { eventTypes: ["job.exploded"] } }, /matches no event type/],
      [{ ...base, trigger: { eventTypes: ["job.completed"], condition: "metrics.acc >>= 1" } }, /./],
      [
        { ...base, trigger: { eventTypes: ["model.version.registered"], condition: "metrics.acc > 1" } },
        /job events only/,
      ],
      [{ ...base, actions: [] }, /at least one action/],
      [{ ...base, actions: [{ type: "launch_rocket" }] }, /./],
      [
        { ...base, actions: [{ type: "submit_pipeline", pipeline: "no-such-pipeline" }] },
        /pipeline "no-such-pipeline" is not in workspace dev/,
      ],
      [
        { ...base, actions: [{ type: "notify", users: ["reviewer@example.com"] }] },
        /reviewer@example.com is not a member of workspace dev/,
      ],
      [{ ...base, name: "" }, /name/],
      [{ ...base, extra: true }, /./],
    ];
    for (const [json, message] of cases) {
      const res = await request("POST", "/workspaces/dev/automations", { token: scientist, json });
      expect(expectError(res, 422, "invalid"), JSON.stringify(json)).toMatch(message);
    }
    expectError(await get("/workspaces/dev/automations/nope/firings?status=exploded", scientist), 422, "invalid");
    expect((await get("/workspaces/dev/automations", scientist)).body.items.length).toBe(before);
  });
});
