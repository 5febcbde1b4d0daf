import { beforeAll, describe, expect, it } from "vitest";
import { listEvents } from "@/server/events/list-events";
import { registerModelVersion } from "@/server/models/register-model-version";
import { updateModelVersion } from "@/server/models/update-model-version";
import { publishModelVersion } from "@/server/models/publish-model-version";
import { createAccessToken } from "@/server/tokens/tokens";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import type { ListEventsQuery } from "@/lib/schemas/events";
import { createScope, createUser, grant, storeFiles, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

type Team = Awaited<ReturnType<typeof workspaceWithTeam>>;

let a: Team;
let b: Team;
let name: string;
/** Subject ids of the events in workspace A, in the order they happened. */
let aVersionId: string;
let bVersionId: string;

async function ids(actor: Actor, query: ListEventsQuery) {
  return (await listEvents(actor, { limit: 200, ...query })).items.map((e) => `${e.action} ${e.subject.label}`);
}

beforeAll(async () => {
  a = await workspaceWithTeam();
  b = await workspaceWithTeam("prod");
  name = uniqueName("audited");
  const files = await storeFiles({ "m.bin": "m" });
  aVersionId = (await registerModelVersion(a.contributor, a.workspace, { name }, files)).id;
  await updateModelVersion(a.contributor, a.workspace, name, 1, { tags: { stage: "prod" }, reason: "promoted" });
  await updateModelVersion(a.owner, a.workspace, name, 1, { isArchived: true });
  await registerModelVersion(a.owner, a.workspace, { name }, files);
  bVersionId = (await registerModelVersion(b.contributor, b.workspace, { name: "secret-model" }, files)).id;
});

describe("listEvents", () => {
  it("shows a member the events of their scopes, newest first, and none of other scopes", async () => {
    const { items } = await listEvents(a.reader, { limit: 200 });
    expect(items.map((e) => `${e.action} ${e.subject.label}`)).toEqual([
      `model.version.registered ${name}:2`,
      `model.version.archived ${name}:1`,
      `model.version.tags_updated ${name}:1`,
      `model.version.registered ${name}:1`,
    ]);
    expect(items.every((e) => e.scope?.kind === "workspace" && e.scope.name === a.workspace.name)).toBe(true);
    const seqs = items.map((e) => e.id);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    expect(items[2]).toMatchObject({
      actor: a.contributor.email,
      reason: "promoted",
      subject: { type: "model_version", id: aVersionId },
    });
    expect(items[2].data).toMatchObject({ added: ["stage"], removed: [], changed: [] });
  });

  it("names a registry copy's origin only to members of the workspace it came from", async () => {
    const prod = await workspaceWithTeam("prod");
    await registerModelVersion(prod.owner, prod.workspace, { name: "served" }, await storeFiles({ "m.bin": "m" }));
    const registry = await createScope("registry");
    const [outsider, insider] = [await createUser(), await createUser()];
    await grant(prod.owner, registry, "owner");
    await grant(outsider, registry, "reader");
    await grant(insider, registry, "reader");
    await grant(insider, prod.workspace, "reader");
    await publishModelVersion(prod.owner, registry.name, "served", {
      source: { workspace: prod.workspace.name, name: "served", version: 1 },
      reason: "serving in prod",
    });
    const seenBy = async (actor: Actor) =>
      (await listEvents(actor, { limit: 10, scope: `registry/${registry.name}` })).items[0];
    const hidden = await seenBy(outsider);
    expect(hidden).toMatchObject({
      action: "model.version.registered",
      reason: "serving in prod",
      data: { files: 1, publishedFromHidden: true },
    });
    expect(hidden.data).not.toHaveProperty("publishedFrom");
    expect(JSON.stringify(hidden)).not.toContain(prod.workspace.name);
    expect((await seenBy(insider)).data).toMatchObject({ publishedFrom: `workspace/${prod.workspace.name}/served:1` });
    const admin = await createUser(uniqueName("admin"), { isAdmin: true });
    expect((await seenBy(admin)).data).toMatchObject({ publishedFrom: `workspace/${prod.workspace.name}/served:1` });
  });

  it("does not reveal another scope's event even when asked for it by subject", async () => {
    expect(await ids(a.reader, { subjectId: bVersionId })).toEqual([]);
    expect(await ids(b.reader, { subjectId: bVersionId })).toEqual(["model.version.registered secret-model:1"]);
  });

  it("shows a user the events about their own account, and not other users'", async () => {
    const user = await createUser();
    const stranger = await createUser();
    await createAccessToken(user, { name: "laptop" });
    await verifyCredentials(user.email, "not-the-password");
    expect(await ids(user, {})).toEqual([`auth.sign_in_failed ${user.email}`, "token.created laptop"]);
    expect(await ids(stranger, {})).toEqual([]);
  });

  it("shows an administrator everything, naming scopes they are not a member of", async () => {
    const admin = await createUser(uniqueName("admin"), { isAdmin: true });
    const { items } = await listEvents(admin, { subjectId: bVersionId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: "model.version.registered",
      scope: { kind: "workspace", name: b.workspace.name },
    });
    const failedSignIn = `${uniqueName("ghost")}@example.test`;
    await verifyCredentials(failedSignIn, "whatever");
    expect(await ids(admin, { action: "auth.", actor: failedSignIn })).toEqual([`auth.sign_in_failed ${failedSignIn}`]);
  });

  it("lets an administrator filter by a scope they are not a member of", async () => {
    const admin = await createUser(uniqueName("admin"), { isAdmin: true });
    expect(await ids(admin, { scope: `workspace/${b.workspace.name}` })).toEqual([
      "model.version.registered secret-model:1",
    ]);
    await expect(listEvents(admin, { scope: "workspace/no-such-workspace" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("filters by scope, and hides a scope the actor is not a member of", async () => {
    expect(await ids(a.owner, { scope: `workspace/${a.workspace.name}`, action: "model.version.registered" })).toEqual([
      `model.version.registered ${name}:2`,
      `model.version.registered ${name}:1`,
    ]);
    await expect(listEvents(a.owner, { scope: `workspace/${b.workspace.name}` })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("keeps a member's own account events out of a scope filter", async () => {
    const member = await createUser();
    await grant(member, a.workspace, "reader");
    await createAccessToken(member, { name: "scoped-out" });
    expect(await ids(member, { scope: `workspace/${a.workspace.name}`, action: "token." })).toEqual([]);
    expect(await ids(member, { action: "token." })).toEqual(["token.created scoped-out"]);
  });

  it.each([
    ["model.version.tags_updated", ["model.version.tags_updated"]],
    ["model.version.registered", ["model.version.registered", "model.version.registered"]],
    ["model.version.ar", ["model.version.archived"]],
    [
      "model.",
      ["model.version.registered", "model.version.archived", "model.version.tags_updated", "model.version.registered"],
    ],
    ["token.", []],
  ])("filters by action prefix %j", async (action, expected) => {
    expect((await listEvents(a.reader, { action, limit: 200 })).items.map((e) => e.action)).toEqual(expected);
  });

  it("filters by subject and by actor", async () => {
    expect(await ids(a.reader, { subjectId: aVersionId })).toEqual([
      `model.version.archived ${name}:1`,
      `model.version.tags_updated ${name}:1`,
      `model.version.registered ${name}:1`,
    ]);
    expect(await ids(a.reader, { actor: a.owner.email.toUpperCase() })).toEqual([
      `model.version.registered ${name}:2`,
      `model.version.archived ${name}:1`,
    ]);
  });

  it("filters by time: since and until are inclusive, and a date-only until covers the whole day", async () => {
    const team = await workspaceWithTeam();
    const files = await storeFiles({ "m.bin": "m" });
    const days = ["2020-01-01", "2020-01-02", "2020-01-03"];
    for (const day of days) {
      const v = await registerModelVersion(team.contributor, team.workspace, { name: `day-${day}` }, files);
      await db.event.updateMany({ where: { subjectId: v.id }, data: { at: new Date(`${day}T12:00:00.000Z`) } });
    }
    const scope = `workspace/${team.workspace.name}`;
    const labels = async (query: ListEventsQuery) =>
      (await listEvents(team.reader, { scope, ...query })).items.map((e) => e.subject.label);
    expect(await labels({ since: "2020-01-02", until: "2020-01-02" })).toEqual(["day-2020-01-02:1"]);
    expect(await labels({ since: "2020-01-02T12:00:00Z" })).toEqual(["day-2020-01-03:1", "day-2020-01-02:1"]);
    expect(await labels({ until: "2020-01-02T11:59:59Z" })).toEqual(["day-2020-01-01:1"]);
    expect(await labels({ since: "2020-01-02T13:00:00+01:00", until: "2020-01-02T12:00:00.000Z" })).toEqual([
      "day-2020-01-02:1",
    ]);
    expect(await labels({ since: "2020-01-04" })).toEqual([]);
  });

  it("pages through the events by cursor, each once, newest first", async () => {
    const everything = await ids(a.reader, {});
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(a.reader, { limit: 3, cursor });
      pages.push(page.items.map((e) => `${e.action} ${e.subject.label}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
    expect(pages.flat()).toEqual(everything);
  });

  it.each(["abc", "0", "-5", "1.5"])("refuses the cursor %j with invalid", async (cursor) => {
    await expect(listEvents(a.reader, { cursor })).rejects.toMatchObject({ code: "invalid" });
  });
});
