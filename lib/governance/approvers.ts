import { isRole, roleAtLeast, type Role } from "@/lib/permissions";
import type { PolicySnapshot } from "@/lib/schemas/governance";

// Who may decide a request, from the policy it was made under: a named member (by e-mail) or any member
// with at least a named role. The requester never approves their own request.

export type Candidate = { userId: string; email: string; role: Role | null };

export function isApprover(policy: Pick<PolicySnapshot, "approvers">, who: Candidate): boolean {
  if (!who.role) return false;
  const email = who.email.toLowerCase();
  return policy.approvers.some((entry) => {
    if (entry.startsWith("role:")) {
      const role = entry.slice("role:".length);
      return isRole(role) && roleAtLeast(who.role, role);
    }
    return entry.toLowerCase() === email;
  });
}

export type DecisionCheck = { ok: true } | { ok: false; code: "forbidden" | "conflict"; message: string };

/** Whether `who` may approve or reject a pending request made by `requestedById`. */
export function mayDecide(
  policy: Pick<PolicySnapshot, "approvers">,
  who: Candidate,
  requestedById: string | null,
  decidedBy: readonly string[],
): DecisionCheck {
  if (who.userId === requestedById)
    return { ok: false, code: "forbidden", message: "You made this request; someone else must decide it." };
  if (!isApprover(policy, who))
    return {
      ok: false,
      code: "forbidden",
      message: `Only ${describeApprovers(policy.approvers)} may decide this request.`,
    };
  if (decidedBy.includes(who.userId))
    return { ok: false, code: "conflict", message: "You have already decided this request." };
  return { ok: true };
}

/** "owners, or rae@example.com": who a policy lets approve, in words. */
export function describeApprovers(approvers: readonly string[]): string {
  const words = approvers.map((a) => (a.startsWith("role:") ? `${a.slice(5)}s` : a));
  if (words.length <= 1) return words[0] ?? "nobody";
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
