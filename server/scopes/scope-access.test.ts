import { describe, expect, it } from "vitest";
import { requireScope } from "@/server/scopes/scope-access";
import { listScopes } from "@/server/scopes/list-scopes";
import { createScope, createUser, grant, uniqueName, workspaceWithTeam } from "@/tests/support/factories";

describe("requireScope", () => {
  it("hides a prod workspace from a non-member exactly like a workspace that does not exist", async () => {
    const { workspace, outsider } = await workspaceWithTeam("prod");
    for (const action of ["read", "write", "manage"] as const) {
      await expect(requireScope(outsider, workspace, action)).rejects.toMatchObject({
        code: "not_found",
        message: `Workspace "${workspace.name}" was not found.`,
      });
    }
    await expect(requireScope(outsider, { kind: "workspace", name: "never-created-x" }, "read")).rejects.toMatchObject({
      code: "not_found",
      message: 'Workspace "never-created-x" was not found.',
    });
  });

  it("lets a reader read but not change or manage", async () => {
    const { workspace, reader } = await workspaceWithTeam();
    await expect(requireScope(reader, workspace, "read")).resolves.toMatchObject({
      id: workspace.id,
      kind: "workspace",
      name: workspace.name,
      role: "reader",
      stage: "dev",
    });
    await expect(requireScope(reader, workspace, "write")).rejects.toMatchObject({
      code: "forbidden",
      message: `Your role in workspace "${workspace.name}" is reader; it does not allow you to change it.`,
    });
    await expect(requireScope(reader, workspace, "manage")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets a contributor read and change but not manage, and an owner do all three", async () => {
    const { workspace, contributor, owner } = await workspaceWithTeam("test");
    await expect(requireScope(contributor, workspace, "write")).resolves.toMatchObject({
      role: "contributor",
      stage: "test",
    });
    await expect(requireScope(contributor, workspace, "manage")).rejects.toMatchObject({ code: "forbidden" });
    for (const action of ["read", "write", "manage"] as const) {
      await expect(requireScope(owner, workspace, action)).resolves.toMatchObject({ role: "owner" });
    }
  });

  it("grants roles per scope: a role in one workspace gives nothing in another", async () => {
    const a = await workspaceWithTeam();
    const b = await workspaceWithTeam();
    await expect(requireScope(a.owner, b.workspace, "read")).rejects.toMatchObject({ code: "not_found" });
  });

  it("tells workspaces and registries apart even when they share a name", async () => {
    const name = uniqueName("same");
    const workspace = await createScope("workspace", { name });
    const registry = await createScope("registry", { name });
    const user = await createUser();
    await grant(user, registry, "owner");
    await expect(requireScope(user, { kind: "registry", name }, "manage")).resolves.toMatchObject({
      id: registry.id,
      kind: "registry",
      stage: null,
    });
    await expect(requireScope(user, { kind: "workspace", name }, "read")).rejects.toMatchObject({
      code: "not_found",
      message: `Workspace "${name}" was not found.`,
    });
    expect(workspace.id).not.toBe(registry.id);
  });

  it.each(["", "Dev", "../dev", "dev/models", "a".repeat(64), "dev%20"])(
    "treats the malformed name %j as not found",
    async (name) => {
      const { owner } = await workspaceWithTeam();
      await expect(requireScope(owner, { kind: "workspace", name }, "read")).rejects.toMatchObject({
        code: "not_found",
      });
    },
  );
});

describe("listScopes", () => {
  it("lists only the scopes the actor is a member of, with their role, registries first and workspaces by stage", async () => {
    const user = await createUser();
    const prod = await createScope("workspace", { stage: "prod" });
    const dev = await createScope("workspace", { stage: "dev" });
    const test = await createScope("workspace", { stage: "test" });
    const registry = await createScope("registry");
    const notMine = await createScope("workspace", { stage: "dev" });
    const notMineRegistry = await createScope("registry");
    await grant(user, prod, "reader");
    await grant(user, dev, "owner");
    await grant(user, test, "contributor");
    await grant(user, registry, "contributor");
    await grant(await createUser(), notMine, "owner");
    await grant(await createUser(), notMineRegistry, "owner");

    const scopes = await listScopes(user);
    expect(scopes.map((s) => [s.kind, s.name, s.stage, s.role])).toEqual([
      ["registry", registry.name, null, "contributor"],
      ["workspace", dev.name, "dev", "owner"],
      ["workspace", test.name, "test", "contributor"],
      ["workspace", prod.name, "prod", "reader"],
    ]);
    expect((await listScopes(user, "workspace")).map((s) => s.name)).toEqual([dev.name, test.name, prod.name]);
    expect((await listScopes(user, "registry")).map((s) => s.name)).toEqual([registry.name]);
  });

  it("lists nothing for a user without memberships", async () => {
    expect(await listScopes(await createUser())).toEqual([]);
  });
});
