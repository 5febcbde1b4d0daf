import { describe, expect, it } from "vitest";
import { isRole, roleAllows, ROLES, type Role, type ScopeAction } from "@/lib/permissions";

describe("roleAllows", () => {
  const table: Record<Role, Record<ScopeAction, boolean>> = {
    reader: { read: true, write: false, manage: false },
    contributor: { read: true, write: true, manage: false },
    owner: { read: true, write: true, manage: true },
  };

  it.each(
    ROLES.flatMap((role) =>
      (["read", "write", "manage"] as const).map((action) => [role, action, table[role][action]] as const),
    ),
  )("%s may %s: %s", (role, action, isAllowed) => {
    expect(roleAllows(role, action)).toBe(isAllowed);
  });

  it.each([null, undefined])("allows nothing without a role (%s)", (role) => {
    expect(roleAllows(role, "read")).toBe(false);
    expect(roleAllows(role, "write")).toBe(false);
    expect(roleAllows(role, "manage")).toBe(false);
  });
});

describe("isRole", () => {
  it.each(["reader", "contributor", "owner"])("knows %j", (value) => {
    expect(isRole(value)).toBe(true);
  });

  it.each(["admin", "Owner", "", "reader ", "toString", "__proto__"])("rejects %j", (value) => {
    expect(isRole(value)).toBe(false);
  });
});
