import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { listMembers, removeMember, setMemberRole } from "@/server/scopes/members";
import { requireScope } from "@/server/scopes/scope-access";
import { createUser, workspaceWithTeam } from "@/tests/support/factories";

async function eventsAbout(scopeId: string, userId: string) {
  return (await db.event.findMany({ where: { scopeId, subjectId: userId }, orderBy: { seq: "asc" } })).map((e) =>
    `${e.action} ${JSON.parse(e.data).role ?? ""}`.trim(),
  );
}

describe("workspace membership", () => {
  it("lists members with their roles to any member, owners first, and hides the workspace from outsiders", async () => {
    const { workspace, owner, contributor, reader, outsider } = await workspaceWithTeam();
    expect((await listMembers(reader, workspace)).map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [contributor.email, "contributor"],
      [reader.email, "reader"],
    ]);
    await expect(listMembers(outsider, workspace)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets an owner add an existing user, who can then read the workspace, and records it", async () => {
    const { workspace, owner, outsider } = await workspaceWithTeam();
    await expect(requireScope(outsider, workspace, "read")).rejects.toMatchObject({ code: "not_found" });
    const member = await setMemberRole(owner, workspace, outsider.email.toUpperCase(), {
      role: "reader",
      reason: "joins the review",
    });
    expect(member).toMatchObject({ email: outsider.email, role: "reader" });
    expect((await requireScope(outsider, workspace, "read")).role).toBe("reader");
    await expect(requireScope(outsider, workspace, "write")).rejects.toMatchObject({ code: "forbidden" });
    expect(await eventsAbout(workspace.id, outsider.userId)).toEqual(["member.added reader"]);
  });

  it("changes a role, and writes nothing when the role is already the one asked for", async () => {
    const { workspace, owner, reader } = await workspaceWithTeam();
    await setMemberRole(owner, workspace, reader.email, { role: "contributor" });
    await setMemberRole(owner, workspace, reader.email, { role: "contributor" });
    expect((await requireScope(reader, workspace, "write")).role).toBe("contributor");
    expect(await eventsAbout(workspace.id, reader.userId)).toEqual(["member.role_changed contributor"]);
  });

  it("refuses contributors and readers with forbidden, and changes nothing", async () => {
    const { workspace, contributor, reader, outsider } = await workspaceWithTeam();
    await expect(setMemberRole(contributor, workspace, outsider.email, { role: "owner" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(removeMember(reader, workspace, contributor.email)).rejects.toMatchObject({ code: "forbidden" });
    expect((await listMembers(contributor, workspace)).map((m) => m.email)).not.toContain(outsider.email);
  });

  it("refuses an unknown user, an unknown role and a malformed e-mail", async () => {
    const { workspace, owner, reader } = await workspaceWithTeam();
    await expect(setMemberRole(owner, workspace, "nobody@example.test", { role: "reader" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(setMemberRole(owner, workspace, reader.email, { role: "admin" as never })).rejects.toThrow(
      /Role must be one of/,
    );
    await expect(setMemberRole(owner, workspace, "not-an-email", { role: "reader" })).rejects.toThrow();
  });

  it("keeps the last owner: they can neither step down nor be removed, until someone else is owner", async () => {
    const { workspace, owner, contributor } = await workspaceWithTeam();
    await expect(setMemberRole(owner, workspace, owner.email, { role: "reader" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(removeMember(owner, workspace, owner.email)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("last owner"),
    });
    await setMemberRole(owner, workspace, contributor.email, { role: "owner" });
    await removeMember(contributor, workspace, owner.email, "moved teams");
    await expect(requireScope(owner, workspace, "read")).rejects.toMatchObject({ code: "not_found" });
    const [removed] = await db.event.findMany({ where: { scopeId: workspace.id, action: "member.removed" } });
    expect(removed).toMatchObject({ subjectId: owner.userId, reason: "moved teams", actorId: contributor.userId });
  });

  it("answers not found when removing someone who is not a member", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const stranger = await createUser();
    await expect(removeMember(owner, workspace, stranger.email)).rejects.toMatchObject({ code: "not_found" });
  });
});
