import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { cloudEventSchema } from "@/lib/schemas/events";
import { WebhookReceiver, type Received } from "../support/webhook-receiver";
import { waitFor } from "../support/wait";
import { createVersion, expectError, get, modelForm, request, tokenFor, uniqueName } from "./helpers";

// Webhooks against a real receiver on loopback (the test studio runs with STUDIO_WEBHOOK_ALLOW_PRIVATE on,
// a 2 s receiver timeout and retries after 1 s, 1 s and 2 s). Signatures are checked with the
// `standardwebhooks` package, an implementation independent of the studio's.

const receiver = new WebhookReceiver();
beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

type Created = { id: string; secret: string; events: string[]; isEnabled: boolean };

async function createWebhook(token: string, body: Record<string, unknown>, scope = "workspaces/dev") {
  const res = await request("POST", `/${scope}/webhooks`, { token, json: body });
  expect(res.status, res.text).toBe(201);
  return res.body as Created;
}

/** Verifies a request as a receiver would; answers the CloudEvent. */
function verified(secret: string, received: Received) {
  const headers = Object.fromEntries(Object.entries(received.headers).map(([k, v]) => [k, String(v)]));
  const payload = new Webhook(secret).verify(received.body, headers);
  return cloudEventSchema.parse(payload);
}

const arrivals = (path: string, count: number, timeoutMs = 20_000) =>
  waitFor(
    async () => receiver.at(path),
    (list) => list.length >= count,
    timeoutMs,
  );

describe("webhooks", () => {
  it("delivers a registered model version as a signed CloudEvent; the secret is shown once", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("hook")}`;
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["model.version.registered"] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const fetched = await get(`/workspaces/dev/webhooks/${hook.id}`, admin);
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty("secret");
    expect(fetched.text).not.toContain(hook.secret.slice(6));

    const name = uniqueName("hooked-model");
    await createVersion(admin, "dev", name, undefined, { tags: JSON.stringify({ stage: "candidate" }) });
    const [received] = await arrivals(path, 1);
    expect(received.headers["content-type"]).toBe("application/cloudevents+json; charset=utf-8");
    expect(received.headers["webhook-id"]).toMatch(/^msg_/);
    const event = verified(hook.secret, received);
    expect(event).toMatchObject({
      specversion: "1.0",
      type: "io.mlopsstudio.model.version.registered",
      source: "/workspaces/dev",
      subject: `models/${name}:1`,
      datacontenttype: "application/json",
    });
    expect(event.data).toMatchObject({
      name,
      version: 1,
      tags: { stage: "candidate" },
      actor: "admin@example.com (token)",
      scope: { kind: "workspace", name: "dev" },
    });
    expect((event.data.links as { ui: string }).ui).toMatch(new RegExp(`/workspaces/dev/models/${name}/versions/1$`));
    // Not signed with another secret.
    expect(() => verified(`whsec_${Buffer.alloc(32, 1).toString("base64")}`, received)).toThrow();

    const deliveries = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, admin)).body.items,
      (items: any[]) => items[0]?.status === "delivered",
    );
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      msgId: received.headers["webhook-id"],
      eventType: "model.version.registered",
      eventId: event.id,
      subject: `models/${name}:1`,
      attempts: 1,
      lastStatusCode: 200,
      lastResponse: "ok",
      nextAttemptAt: null,
    });
    expect(deliveries[0].lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sends only the events its types, subject prefix and tag filter match", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("filtered")}`;
    const prefix = uniqueName("fx");
    const hook = await createWebhook(admin, {
      url: receiver.url + path,
      events: ["model.*"],
      subjectPrefix: `models/${prefix}`,
      tags: "stage=prod",
    });
    const prod = JSON.stringify({ stage: "prod" });
    await createVersion(admin, "dev", `${prefix}-a`, undefined, { tags: prod });
    await createVersion(admin, "dev", `${prefix}-b`, undefined, { tags: JSON.stringify({ stage: "dev" }) });
    await createVersion(admin, "dev", uniqueName("other"), undefined, { tags: prod });
    await createVersion(admin, "dev", `${prefix}-c`, undefined, { tags: prod });
    const received = await arrivals(path, 2);
    // Routing keeps event order, so once c has arrived, b and the other name were passed over.
    await new Promise((r) => setTimeout(r, 500));
    expect(
      receiver
        .at(path)
        .map((r) => verified(hook.secret, r).subject)
        .sort(),
    ).toEqual([`models/${prefix}-a:1`, `models/${prefix}-c:1`]);
    expect(received).toHaveLength(2);
  });

  it("retries after 5xx with the same webhook-id, honouring Retry-After, until a 2xx", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("flaky")}`;
    receiver.script(path, [{ status: 500 }, { status: 503, headers: { "retry-after": "2" } }, { status: 204 }]);
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["model.version.registered"] });
    await createVersion(admin, "dev", uniqueName("retried"), undefined, {});
    const tries = await arrivals(path, 3, 30_000);
    expect(new Set(tries.map((t) => t.headers["webhook-id"])).size).toBe(1);
    expect(new Set(tries.map((t) => t.headers["webhook-timestamp"])).size).toBeGreaterThan(1);
    for (const t of tries) verified(hook.secret, t);
    // 1 s after the first failure; the 503 asked for 2 s.
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(900);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(1900);
    const [delivery] = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, admin)).body.items,
      (items: any[]) => items[0]?.status === "delivered",
    );
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 204, lastError: null });
  });

  it("a 410 turns the webhook off and says why; no more deliveries go out", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("gone")}`;
    receiver.script(path, [{ status: 410 }]);
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["model.version.registered"] });
    await createVersion(admin, "dev", uniqueName("gone-model"), undefined, {});
    await arrivals(path, 1);
    const off = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}`, admin)).body,
      (w: any) => w.isEnabled === false,
    );
    expect(off.disabledReason).toMatch(/410 Gone/);
    const [delivery] = (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, admin)).body.items;
    expect(delivery).toMatchObject({ status: "dead", lastStatusCode: 410 });

    await createVersion(admin, "dev", uniqueName("after-gone"), undefined, {});
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.at(path)).toHaveLength(1);
    expectError(await request("POST", `/workspaces/dev/webhooks/${hook.id}/test`, { token: admin }), 409, "conflict");
  });

  it("gives up after the last retry, and a dead delivery is sent again by hand with the same id", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("down")}`;
    receiver.script(path, [
      { status: 500 },
      { status: 502 },
      { status: 302, headers: { location: "/x" } },
      { status: 500 },
    ]);
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["model.version.registered"] });
    await createVersion(admin, "dev", uniqueName("dead-model"), undefined, {});
    const [dead] = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, admin)).body.items,
      (items: any[]) => items[0]?.status === "dead",
      30_000,
    );
    expect(dead).toMatchObject({ attempts: 4, lastStatusCode: 500, nextAttemptAt: null });
    expect(receiver.at(path)).toHaveLength(4);
    // A redirect counted as a failure, not followed.
    expect(receiver.received.filter((r) => r.path === "/x")).toHaveLength(0);

    const again = await request("POST", `/workspaces/dev/webhooks/${hook.id}/deliveries/${dead.id}/redeliver`, {
      token: admin,
    });
    expect(again.status, again.text).toBe(202);
    const tries = await arrivals(path, 5);
    expect(new Set(tries.map((t) => t.headers["webhook-id"])).size).toBe(1);
    const [delivered] = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, admin)).body.items,
      (items: any[]) => items[0]?.status === "delivered",
    );
    expect(delivered.id).toBe(dead.id);
    expectError(
      await request("POST", `/workspaces/dev/webhooks/${hook.id}/deliveries/nope/redeliver`, { token: admin }),
      404,
      "not_found",
    );
  });

  it("rotating the secret signs with both secrets during the grace period", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("rotated")}`;
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["*"] });
    const rotated = await request("POST", `/workspaces/dev/webhooks/${hook.id}/rotate-secret`, {
      token: admin,
      json: { graceHours: 2 },
    });
    expect(rotated.status, rotated.text).toBe(200);
    const secret = rotated.body.secret as string;
    expect(secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).toBeGreaterThan(7_000_000);

    const test = await request("POST", `/workspaces/dev/webhooks/${hook.id}/test`, { token: admin });
    expect(test.status, test.text).toBe(202);
    const [received] = await arrivals(path, 1);
    expect(String(received.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(secret, received).type).toBe("io.mlopsstudio.webhook.test");
    expect(verified(hook.secret, received).type).toBe("io.mlopsstudio.webhook.test");

    // Without a grace period the old secret stops at once; an empty body takes the default (24 h).
    const now = await request("POST", `/workspaces/dev/webhooks/${hook.id}/rotate-secret`, {
      token: admin,
      json: { graceHours: 0 },
    });
    expect(now.body.previousSecretUntil).toBeNull();
    await request("POST", `/workspaces/dev/webhooks/${hook.id}/test`, { token: admin });
    const [, second] = await arrivals(path, 2);
    expect(String(second.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verified(now.body.secret, second).type).toBe("io.mlopsstudio.webhook.test");
    expect(() => verified(secret, second)).toThrow();
    const byDefault = await request("POST", `/workspaces/dev/webhooks/${hook.id}/rotate-secret`, { token: admin });
    expect(byDefault.status, byDefault.text).toBe(200);
    expect(Date.parse(byDefault.body.previousSecretUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });

  it("owners manage webhooks; contributors only their own and only when an owner allows it", async () => {
    const admin = await tokenFor("admin");
    const scientist = await tokenFor("scientist");
    const body = { url: `${receiver.url}/contrib`, events: ["job.*"] };
    await request("PUT", "/workspaces/dev/webhook-policy", { token: admin, json: { allowContributorWebhooks: false } });
    expectError(await request("POST", "/workspaces/dev/webhooks", { token: scientist, json: body }), 403, "forbidden");
    expectError(
      await request("PUT", "/workspaces/dev/webhook-policy", {
        token: scientist,
        json: { allowContributorWebhooks: true },
      }),
      403,
      "forbidden",
    );
    const allowed = await request("PUT", "/workspaces/dev/webhook-policy", {
      token: admin,
      json: { allowContributorWebhooks: true },
    });
    expect(allowed.body).toEqual({ allowContributorWebhooks: true });
    try {
      const own = await createWebhook(scientist, body);
      const adminHook = await createWebhook(admin, { url: `${receiver.url}/owner`, events: ["*"] });
      const listed = (await get("/workspaces/dev/webhooks", scientist)).body.items.map((w: any) => w.id);
      expect(listed).toContain(own.id);
      expect(listed).not.toContain(adminHook.id);
      expect((await get("/workspaces/dev/webhooks", admin)).body.items.map((w: any) => w.id)).toEqual(
        expect.arrayContaining([own.id, adminHook.id]),
      );
      expectError(
        await request("PATCH", `/workspaces/dev/webhooks/${adminHook.id}`, {
          token: scientist,
          json: { events: ["*"] },
        }),
        403,
        "forbidden",
      );
      const patched = await request("PATCH", `/workspaces/dev/webhooks/${own.id}`, {
        token: scientist,
        json: { isEnabled: false },
      });
      expect(patched.body).toMatchObject({
        isEnabled: false,
        disabledReason: "Turned off by scientist@example.com (token).",
      });
      expect((await request("DELETE", `/workspaces/dev/webhooks/${own.id}`, { token: admin })).status).toBe(204);
      expect((await request("DELETE", `/workspaces/dev/webhooks/${adminHook.id}`, { token: admin })).status).toBe(204);
      expectError(await get(`/workspaces/dev/webhooks/${own.id}`, admin), 404, "not_found");
    } finally {
      await request("PUT", "/workspaces/dev/webhook-policy", {
        token: admin,
        json: { allowContributorWebhooks: false },
      });
    }
    // A reader may not; a non-member does not even see the workspace.
    const reviewer = await tokenFor("reviewer");
    expectError(await get("/workspaces/test/webhooks", reviewer), 403, "forbidden");
    expectError(await get("/workspaces/dev/webhooks", reviewer), 404, "not_found");
    expectError(await get("/workspaces/dev/webhooks", null), 401, "unauthorized");
  });

  it("tells a job's way from queued to completed, with its final metrics", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("jobs")}`;
    const experiment = uniqueName("hooked-experiment");
    const hook = await createWebhook(admin, { url: receiver.url + path, events: ["job.*"] });
    const script = `
      const url = process.env.MLOPS_STUDIO_URL + "/api/v1/workspaces/dev/jobs/" + process.env.MLOPS_STUDIO_JOB + "/log-batch";
      const headers = { authorization: "Bearer " + process.env.MLOPS_STUDIO_TOKEN, "content-type": "application/json" };
      const metrics = [{ key: "accuracy", value: 0.5, step: 1 }, { key: "accuracy", value: 0.97, step: 2 }, { key: "loss", value: 0.1, step: 2 }];
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ metrics }) });
      if (!res.ok) process.exit(3);
    `;
    const form = modelForm([{ path: "train.mjs", content: script }], {
      spec: { experiment, displayName: "hooked run", command: "node train.mjs" },
    });
    const submitted = await request("POST", "/workspaces/dev/command-jobs", { token: admin, body: form });
    expect(submitted.status, submitted.text).toBe(201);
    const job = submitted.body.name as string;
    const received = await arrivals(path, 3, 90_000);
    // Deliveries may arrive in any order (each is sent on its own); the event ids keep the order of events.
    const events = received
      .map((r) => verified(hook.secret, r))
      .sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4)));
    expect(events.map((e) => e.type)).toEqual([
      "io.mlopsstudio.job.queued",
      "io.mlopsstudio.job.running",
      "io.mlopsstudio.job.completed",
    ]);
    for (const e of events) {
      expect(e.subject).toBe(`jobs/${job}`);
      expect(e.data).toMatchObject({ name: job, displayName: "hooked run", experiment, kind: "command" });
    }
    expect(events[2].data).toMatchObject({ status: "completed", exitCode: 0, metrics: { accuracy: 0.97, loss: 0.1 } });
    expect((events[2].data.links as { api: string }).api).toMatch(new RegExp(`/api/v1/workspaces/dev/jobs/${job}$`));
  });

  it("registries have webhooks too", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("registry")}`;
    const hook = await createWebhook(
      admin,
      { url: receiver.url + path, events: ["model.version.registered"] },
      "registries/shared",
    );
    const name = uniqueName("shared-model");
    await createVersion(admin, "shared", name, undefined, {}, "registries");
    const [received] = await arrivals(path, 1);
    const event = verified(hook.secret, received);
    expect(event).toMatchObject({ source: "/registries/shared", subject: `models/${name}:1` });
    expect((await request("DELETE", `/registries/shared/webhooks/${hook.id}`, { token: admin })).status).toBe(204);
  });

  it("refuses bad input with a clear 4xx and creates nothing", async () => {
    const admin = await tokenFor("admin");
    const before = (await get("/workspaces/dev/webhooks", admin)).body.items.length;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ url: "not a url", events: ["*"] }, /not valid/],
      [{ url: "ftp://example.com/x", events: ["*"] }, /http:\/\/ or https:\/\//],
      [{ url: "http://user:pw@127.0.0.1/x", events: ["*"] }, /user name or password/],
      [{ url: "http://169.254.169.254/latest/meta-data", events: ["*"] }, /cloud metadata/],
      [{ url: "http://[::ffff:169.254.169.254]/", events: ["*"] }, /cloud metadata/],
      [{ url: `${receiver.url}/x`, events: [] }, /at least one event type/],
      [{ url: `${receiver.url}/x`, events: ["token.*"] }, /matches no event type/],
      [{ url: `${receiver.url}/x`, events: ["Model.Registered"] }, /is not an event type/],
      [{ url: `${receiver.url}/x`, events: ["*"], tags: "stage=" }, /value after '=' is missing/],
    ];
    for (const [json, message] of cases) {
      const res = await request("POST", "/workspaces/dev/webhooks", { token: admin, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.error.message).toMatch(message);
    }
    expectError(
      await request("POST", "/workspaces/dev/webhooks", {
        token: admin,
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
      "bad_request",
    );
    expectError(await get("/workspaces/dev/webhooks/nope", admin), 404, "not_found");
    expectError(
      await request("PATCH", "/workspaces/dev/webhooks/nope", { token: admin, json: { isEnabled: true } }),
      404,
      "not_found",
    );
    expect((await get("/workspaces/dev/webhooks", admin)).body.items.length).toBe(before);
  });
});
