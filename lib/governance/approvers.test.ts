import { describe, expect, it } from "vitest";
import { describeApprovers, isApprover, mayDecide } from "@/lib/governance/approvers";

const reviewer = { userId: "u-rae", email: "Rae@Example.com", role: "reader" as const };
const owner = { userId: "u-ada", email: "ada@example.com", role: "owner" as const };
const contributor = { userId: "u-sam", email: "sam@example.com", role: "contributor" as const };

describe("approvers", () => {
  it("matches named members by e-mail (any role, even reader) and roles by rank", () => {
    expect(isApprover({ approvers: ["rae@example.com"] }, reviewer)).toBe(true);
    expect(isApprover({ approvers: ["rae@example.com"] }, owner)).toBe(false);
    expect(isApprover({ approvers: ["role:owner"] }, owner)).toBe(true);
    expect(isApprover({ approvers: ["role:owner"] }, contributor)).toBe(false);
    expect(isApprover({ approvers: ["role:contributor"] }, owner)).toBe(true);
    expect(isApprover({ approvers: ["role:reader"] }, reviewer)).toBe(true);
    // Not a member (no role): never, even when named.
    expect(isApprover({ approvers: ["rae@example.com"] }, { ...reviewer, role: null })).toBe(false);
  });

  it("refuses the requester, non-approvers, and a second decision by the same person", () => {
    const policy = { approvers: ["role:owner", "rae@example.com"] };
    expect(mayDecide(policy, owner, owner.userId, [])).toMatchObject({ ok: false, code: "forbidden" });
    expect(mayDecide(policy, contributor, owner.userId, [])).toMatchObject({
      ok: false,
      code: "forbidden",
      message: "Only owners or rae@example.com may decide this request.",
    });
    expect(mayDecide(policy, reviewer, owner.userId, [reviewer.userId])).toMatchObject({ ok: false, code: "conflict" });
    expect(mayDecide(policy, reviewer, owner.userId, [])).toEqual({ ok: true });
  });

  it("says who may approve in words", () => {
    expect(describeApprovers(["role:owner"])).toBe("owners");
    expect(describeApprovers(["role:owner", "a@x.io", "role:contributor"])).toBe("owners, a@x.io or contributors");
  });
});
