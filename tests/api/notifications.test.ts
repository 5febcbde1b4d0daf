import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/wait";
import { createVersion, expectError, get, request, tokenFor, uniqueName } from "./helpers";

// Watching something, hearing of it, reading it; and nobody hears of what they may not see.

/** The messages the test SMTP server has received (a Maildir), with their headers unfolded. */
function receivedMail(): { headers: Record<string, string>; body: string }[] {
  const dir = join(process.env.STUDIO_TEST_MAILDIR!, "new");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((file) => {
    const text = readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n");
    const split = text.indexOf("\n\n");
    const headers: Record<string, string> = {};
    for (const line of text
      .slice(0, split)
      .replace(/\n[ \t]+/g, " ")
      .split("\n")) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).toLowerCase()] ??= line.slice(colon + 1).trim();
    }
    return { headers, body: text.slice(split + 2).replace(/=\n/g, "") };
  });
}

const unread = async (token: string) => (await get("/notifications?unread=1", token)).body;

describe("notifications", () => {
  it("a watcher hears of a new version of a model, not of their own, and marks it read", async () => {
    const scientist = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const name = uniqueName("watched");
    await createVersion(scientist, "dev", name);
    const watched = await request("PUT", "/me/watches", {
      token: scientist,
      json: { scope: { kind: "workspace", name: "dev" }, subjectType: "model", name },
    });
    expect(watched.status, watched.text).toBe(200);
    expect((await get("/me/watches", scientist)).body.items).toContainEqual({
      scope: { kind: "workspace", name: "dev" },
      subjectType: "model",
      name,
    });
    const before = (await unread(scientist)).unreadCount as number;

    // Their own registration tells them nothing; the admin's does.
    await createVersion(scientist, "dev", name);
    await createVersion(admin, "dev", name);
    const page = await waitFor(
      () => unread(scientist),
      (p: any) => p.items.some((n: any) => n.title === `Model version ${name}:3 registered in dev`),
    );
    expect(page.unreadCount).toBe(before + 1);
    const note = page.items.find((n: any) => n.title.includes(`${name}:3`));
    expect(note).toMatchObject({
      eventType: "model.version.registered",
      reason: "watch",
      scope: { kind: "workspace", name: "dev" },
      isRead: false,
      link: `/workspaces/dev/models/${name}/versions/3`,
    });
    expect(page.items.some((n: any) => n.title.includes(`${name}:2`))).toBe(false);

    const read = await request("POST", "/notifications/read", { token: scientist, json: { ids: [note.id] } });
    expect(read.body).toEqual({ updated: 1 });
    expect((await unread(scientist)).unreadCount).toBe(before);
    // Someone else's notification is not theirs to mark.
    expect((await request("POST", "/notifications/read", { token: admin, json: { ids: [note.id] } })).body).toEqual({
      updated: 0,
    });

    const stop = await request("PUT", "/me/watches", {
      token: scientist,
      json: { scope: { kind: "workspace", name: "dev" }, subjectType: "model", name, isWatching: false },
    });
    expect(stop.body.isWatching).toBe(false);
    await createVersion(admin, "dev", name);
    await createVersion(admin, "dev", uniqueName("flush"));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await unread(scientist)).items.some((n: any) => n.title.includes(`${name}:4`))).toBe(false);
    expect((await request("POST", "/notifications/read", { token: scientist, json: { all: true } })).status).toBe(200);
    expect((await unread(scientist)).unreadCount).toBe(0);
  });

  it("settings say what one hears of unasked", async () => {
    const reviewer = await tokenFor("reviewer");
    const defaults = {
      notifyMyFailedJobs: true,
      notifyProdDeployments: true,
      emailNotifications: false,
      email: "reviewer@example.com",
      // The tests give the studio a mail server.
      emailAvailable: true,
    };
    expect((await get("/me/notification-settings", reviewer)).body).toEqual(defaults);
    const changed = await request("PATCH", "/me/notification-settings", {
      token: reviewer,
      json: { notifyProdDeployments: false },
    });
    expect(changed.body).toEqual({ ...defaults, notifyProdDeployments: false });
    await request("PATCH", "/me/notification-settings", { token: reviewer, json: { notifyProdDeployments: true } });
  });

  it("e-mails a copy to those who asked, through a real SMTP server", async () => {
    const scientist = await tokenFor("scientist");
    const admin = await tokenFor("admin");
    const name = uniqueName("mailed");
    await createVersion(scientist, "dev", name);
    await request("PUT", "/me/watches", {
      token: scientist,
      json: { scope: { kind: "workspace", name: "dev" }, subjectType: "model", name },
    });
    const on = await request("PATCH", "/me/notification-settings", {
      token: scientist,
      json: { emailNotifications: true },
    });
    expect(on.body).toMatchObject({ emailNotifications: true, email: "scientist@example.com" });
    try {
      await createVersion(admin, "dev", name);
      const subject = `Model version ${name}:2 registered in dev`;
      const mail = await waitFor(
        async () => receivedMail().find((m) => m.headers.subject === subject) ?? null,
        (m) => m !== null,
      );
      expect(mail!.headers.to).toBe("scientist@example.com");
      expect(mail!.headers.from).toContain("MLOps Studio");
      expect(mail!.body).toContain(`/workspaces/dev/models/${name}/versions/2`);
      expect(mail!.body).toContain("You watch what this is about.");
      // The notification in the studio is the same one.
      expect((await unread(scientist)).items.some((n: any) => n.title === subject)).toBe(true);
    } finally {
      await request("PATCH", "/me/notification-settings", { token: scientist, json: { emailNotifications: false } });
    }
    // Without e-mail asked for, the next version is only in the studio.
    await createVersion(admin, "dev", name);
    await waitFor(
      () => unread(scientist),
      (p: any) => p.items.some((n: any) => n.title.includes(`${name}:3`)),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(receivedMail().some((m) => m.headers.subject?.includes(`${name}:3`))).toBe(false);
  });

  it("refuses to watch what one cannot read, and bad input", async () => {
    const reviewer = await tokenFor("reviewer");
    expectError(
      await request("PUT", "/me/watches", {
        token: reviewer,
        json: { scope: { kind: "workspace", name: "dev" }, subjectType: "model", name: "anything" },
      }),
      404,
      "not_found",
    );
    for (const json of [
      { scope: { kind: "workspace", name: "test" }, subjectType: "dataset", name: "x" },
      { scope: { kind: "workspace", name: "test" }, subjectType: "model", name: "" },
      { scope: { kind: "galaxy", name: "test" }, subjectType: "model", name: "x" },
    ]) {
      expectError(await request("PUT", "/me/watches", { token: reviewer, json }), 422, "invalid");
    }
    expectError(await request("POST", "/notifications/read", { token: reviewer, json: { ids: [] } }), 422, "invalid");
    expectError(await request("PATCH", "/me/notification-settings", { token: reviewer, json: {} }), 422, "invalid");
    expectError(await get("/notifications?limit=0", reviewer), 422, "invalid");
    expectError(await get("/notifications", null), 401, "unauthorized");
  });
});
