// Roles are granted per workspace and per registry. What each role may do is decided here only; the
// domain layer enforces it, and pages use the same table to hide what a user may not do.

export const ROLES = ["reader", "contributor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export type ScopeAction = "read" | "write" | "manage";

const ROLE_RANK: Record<Role, number> = { reader: 1, contributor: 2, owner: 3 };
const ACTION_MIN_ROLE: Record<ScopeAction, Role> = { read: "reader", write: "contributor", manage: "owner" };

export function roleAllows(role: Role | null | undefined, action: ScopeAction): boolean {
  if (!role) return false;
  return ROLE_RANK[role] >= ROLE_RANK[ACTION_MIN_ROLE[action]];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role ? ROLE_RANK[role] >= ROLE_RANK[minimum] : false;
}
