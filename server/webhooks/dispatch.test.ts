import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { recordEvent } from "@/server/events/record-event";
import { seal } from "@/server/security/sealing";
import { routeEvents } from "@/server/webhooks/route-events";
import { claimDeliveries, sendClaimed } from "@/server/webhooks/send-deliveries";
import { newWebhookSecret } from "@/server/webhooks/signing";
import { env } from "@/server/env";
import { uniqueName, workspaceWithTeam } from "../../tests/support/factories";

// The outbox, the router and the senders' leases against the real database (SQLite and PostgreSQL).
// Nothing is sent over the network here: private targets are off in domain tests, so a loopback target
// is refused at send time, which is itself one of the checks.

async function webhookIn(scopeId: string, creatorId: string, events: string[], url = "http://127.0.0.1:9/hook") {
  return db.webhook.create({
    data: {
      scopeId,
      url,
      events: JSON.stringify(events),
      secretSealed: seal("webhook-secrets", newWebhookSecret()),
      createdById: creatorId,
      createdByLabel: "test",
    },
  });
}

async function registerEvent(scopeId: string, name: string) {
  await db.$transaction((tx) =>
    recordEvent(tx, {
      actor: null,
      anonymousLabel: "test",
      action: "model.version.registered",
      subject: { type: "model_version", id: null, label: `${name}:1` },
      scopeId,
      data: { name, version: 1, tags: {} },
    }),
  );
}

async function routeAll() {
  while ((await routeEvents()) > 0) {
    // a batch at a time
  }
}

describe("the outbox", () => {
  it("holds a public event once its transaction commits, and nothing of one that rolled back", async () => {
    const { workspace } = await workspaceWithTeam();
    const kept = uniqueName("kept");
    await registerEvent(workspace.id, kept);
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, {
          actor: null,
          anonymousLabel: "test",
          action: "model.version.registered",
          subject: { type: "model_version", label: "rolled-back:1" },
          scopeId: workspace.id,
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const events = await db.event.findMany({ where: { scopeId: workspace.id } });
    expect(events.map((e) => e.subjectLabel)).toEqual([`${kept}:1`]);
    const outbox = await db.eventOutbox.findMany({ where: { seq: { in: events.map((e) => e.seq) } } });
    expect(outbox.map((o) => o.seq)).toEqual([events[0].seq]);
    // Events that stay inside (a token, a member) never enter it.
    await db.$transaction((tx) =>
      recordEvent(tx, {
        actor: null,
        anonymousLabel: "test",
        action: "member.added",
        subject: { type: "user", label: "x" },
        scopeId: workspace.id,
      }),
    );
    const member = await db.event.findFirstOrThrow({ where: { scopeId: workspace.id, action: "member.added" } });
    expect(await db.eventOutbox.count({ where: { seq: member.seq } })).toBe(0);
  });

  it("is routed to one delivery per matching webhook, once, whatever runs the router again", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const models = await webhookIn(workspace.id, owner.userId, ["model.*"]);
    const everything = await webhookIn(workspace.id, owner.userId, ["*"]);
    await webhookIn(workspace.id, owner.userId, ["job.*"]);
    const name = uniqueName("routed");
    await registerEvent(workspace.id, name);
    await Promise.all([routeAll(), routeAll()]);
    await routeAll();
    const deliveries = await db.webhookDelivery.findMany({
      where: { webhook: { scopeId: workspace.id } },
      orderBy: { webhookId: "asc" },
    });
    expect(deliveries.map((d) => d.webhookId).sort()).toEqual([models.id, everything.id].sort());
    for (const d of deliveries) {
      expect(d).toMatchObject({ status: "pending", attempts: 0, eventType: "model.version.registered" });
      expect(JSON.parse(d.body)).toMatchObject({ specversion: "1.0", subject: `models/${name}:1` });
    }
    expect(new Set(deliveries.map((d) => d.msgId)).size).toBe(2);
  });

  it("turns off a webhook whose creator may no longer change the scope, saying why", async () => {
    const { workspace, contributor, reader } = await workspaceWithTeam();
    const hook = await webhookIn(workspace.id, contributor.userId, ["*"]);
    const readers = await webhookIn(workspace.id, reader.userId, ["*"]);
    await db.membership.deleteMany({ where: { scopeId: workspace.id, userId: contributor.userId } });
    await registerEvent(workspace.id, uniqueName("after-removal"));
    await routeAll();
    for (const id of [hook.id, readers.id]) {
      const row = await db.webhook.findUniqueOrThrow({ where: { id } });
      expect(row.isEnabled).toBe(false);
      expect(row.disabledReason).toMatch(/may no longer change this scope/);
      expect(await db.webhookDelivery.count({ where: { webhookId: id } })).toBe(0);
    }
  });
});

describe("senders", () => {
  async function pendingDeliveries(count: number) {
    const { workspace, owner } = await workspaceWithTeam();
    const hook = await webhookIn(workspace.id, owner.userId, ["*"]);
    for (let i = 0; i < count; i++) await registerEvent(workspace.id, uniqueName("claimed"));
    await routeAll();
    return hook;
  }

  it("claim disjoint deliveries when two claim at once, and a lease keeps others off until it runs out", async () => {
    const hook = await pendingDeliveries(12);
    const now = new Date();
    const [a, b] = await Promise.all([claimDeliveries("sender-a", now, 8), claimDeliveries("sender-b", now, 8)]);
    const mine = <T extends { webhookId: string }>(list: T[]) => list.filter((d) => d.webhookId === hook.id);
    const ids = [...mine(a), ...mine(b)].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(12);
    for (const d of [...a, ...b]) expect(d.attempts).toBe(1);
    // Held: nobody else gets them now; once the lease has run out, the next sender does, for a second try.
    expect(mine(await claimDeliveries("sender-c", now, 50))).toEqual([]);
    const later = new Date(now.getTime() + env.STUDIO_WEBHOOK_TIMEOUT_MS + 10_001);
    const again = mine(await claimDeliveries("sender-c", later, 50));
    expect(again.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(again.every((d) => d.attempts === 2)).toBe(true);
    const leased = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(leased.every((d) => d.leaseOwner === "sender-c")).toBe(true);
  });

  it("record an attempt's outcome only while they hold the lease", async () => {
    const hook = await pendingDeliveries(1);
    const now = new Date();
    const [first] = (await claimDeliveries("slow", now, 50)).filter((d) => d.webhookId === hook.id);
    const later = new Date(now.getTime() + env.STUDIO_WEBHOOK_TIMEOUT_MS + 10_001);
    const [second] = (await claimDeliveries("fast", later, 50)).filter((d) => d.webhookId === hook.id);
    expect(second.id).toBe(first.id);
    // The slow sender comes back after its lease ran out: what it found is not written.
    await sendClaimed("slow", first);
    expect(await db.webhookAttempt.count({ where: { deliveryId: first.id } })).toBe(0);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      leaseOwner: "fast",
      attempts: 2,
      status: "pending",
    });
    // The current holder's outcome is: the loopback target is refused (private targets are off here),
    // which fails the attempt and schedules the next.
    await sendClaimed("fast", second);
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: first.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ n: 2, statusCode: null });
    expect(attempts[0].error).toMatch(/refused: 127\.0\.0\.1 is a loopback/);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ status: "pending", leaseOwner: null, attempts: 2 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });
});
