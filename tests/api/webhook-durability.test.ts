import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudioServer } from "../../scripts/lib/studio-server.mjs";
import { dispatcherPid } from "../support/studio-process";
import { WebhookReceiver } from "../support/webhook-receiver";
import { waitFor } from "../support/wait";
import { DATA_DIR, createVersion, get, request, tokenFor, uniqueName } from "./helpers";

// Delivery survives the studio: a `kill -9` in the middle of a delivery, and a second studio instance
// sharing the database (both dispatching), neither loses a delivery nor sends one attempt twice.

const receiver = new WebhookReceiver();
beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

async function createWebhook(token: string, path: string) {
  const res = await request("POST", "/workspaces/dev/webhooks", {
    token,
    json: { url: receiver.url + path, events: ["model.version.registered"] },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

describe("webhook delivery", () => {
  it("is made after a kill -9 of the dispatcher mid-delivery, with the same webhook-id", async () => {
    const admin = await tokenFor("admin");
    const path = `/${uniqueName("crash")}`;
    let release = () => {};
    receiver.script(path, [{ status: 200, hold: new Promise<void>((resolve) => (release = resolve)) }]);
    const hook = await createWebhook(admin, path);
    await createVersion(admin, "dev", uniqueName("crash-model"), undefined, {});
    const [first] = await waitFor(
      async () => receiver.at(path),
      (list) => list.length === 1,
    );

    // The process sending it dies while the receiver has not answered yet; the supervisor starts another.
    const killed = dispatcherPid(DATA_DIR);
    process.kill(killed, "SIGKILL");
    release();
    await waitFor(
      async () => dispatcherPid(DATA_DIR),
      (pid) => pid !== killed,
      60_000,
    );

    const tries = await waitFor(
      async () => receiver.at(path),
      (list) => list.length >= 2,
      30_000,
    );
    expect(tries[1].headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    const token = await tokenFor("admin");
    const [delivery] = await waitFor(
      async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries`, token)).body.items,
      (items: any[]) => items[0]?.status === "delivered",
    );
    expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 200 });
  }, 120_000);

  it("sends each attempt once with two studio instances dispatching from one database", async () => {
    const second = await startStudioServer({
      root: join(__dirname, "../.."),
      dataDir: DATA_DIR,
      log: join(DATA_DIR, "..", "second-instance.log"),
      env: {
        DATABASE_URL: process.env.STUDIO_TEST_DATABASE_URL ?? "",
        NEXTAUTH_SECRET: process.env.STUDIO_TEST_NEXTAUTH_SECRET ?? "",
        STUDIO_RUNNER: "off",
        STUDIO_SCORING_PORT: "0",
        STUDIO_WEBHOOK_ALLOW_PRIVATE: "on",
        STUDIO_WEBHOOK_TIMEOUT_MS: "3000",
        STUDIO_WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s",
      },
    });
    try {
      const admin = await tokenFor("admin");
      const path = `/${uniqueName("twins")}`;
      const hook = await createWebhook(admin, path);
      // Registrations through both instances, so that each one's dispatcher wakes on its own events.
      const count = 30;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          request("POST", `/workspaces/dev/models/${uniqueName("twin")}/versions`, {
            token: admin,
            body: (() => {
              const form = new FormData();
              form.append("files", new Blob([`weights ${i}`]), "model.bin");
              return form;
            })(),
          }).then((res) => expect(res.status, res.text).toBe(201)),
        ),
      );
      await Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const res = await fetch(`${second.url}/api/v1/workspaces/dev/models/${uniqueName("twin-b")}/versions`, {
            method: "POST",
            headers: { authorization: `Bearer ${admin}` },
            body: (() => {
              const form = new FormData();
              form.append("files", new Blob([`weights b${i}`]), "model.bin");
              return form;
            })(),
          });
          expect(res.status, await res.text()).toBe(201);
        }),
      );
      await waitFor(
        async () => new Set(receiver.at(path).map((r) => r.headers["webhook-id"])).size,
        (n) => n === 2 * count,
        60_000,
      );
      // Nothing more is coming: every delivery is delivered, once.
      const items = await waitFor(
        async () => (await get(`/workspaces/dev/webhooks/${hook.id}/deliveries?limit=200`, admin)).body.items,
        (list: any[]) => list.length === 2 * count && list.every((d) => d.status === "delivered"),
      );
      expect(items.every((d: any) => d.attempts === 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 1500));
      const ids = receiver.at(path).map((r) => r.headers["webhook-id"]);
      expect(ids).toHaveLength(2 * count);
      expect(new Set(ids).size).toBe(2 * count);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
