import { describe, expect, it } from "vitest";
import { listEventsQuerySchema } from "@/lib/schemas/events";
import { createTokenSchema, passwordTokenSchema } from "@/lib/schemas/tokens";

describe("listEventsQuerySchema", () => {
  it.each(["workspace/dev", "registry/shared-models"])("accepts the scope %j", (scope) => {
    expect(listEventsQuerySchema.safeParse({ scope }).success).toBe(true);
  });

  it.each(["dev", "workspaces/dev", "workspace/Dev", "workspace/", "team/dev", "workspace/dev/extra"])(
    "refuses the scope %j",
    (scope) => {
      const result = listEventsQuerySchema.safeParse({ scope });
      expect(result.success).toBe(false);
    },
  );

  it.each(["2026-11-24", "2026-11-24T10:00:00Z", "2026-11-24T10:00:00+02:00"])("accepts the time %j", (since) => {
    expect(listEventsQuerySchema.safeParse({ since, until: since }).success).toBe(true);
  });

  it.each(["yesterday", "2026-13-01", "24/11/2026", "2026-11-24 10:00"])("refuses the time %j", (since) => {
    expect(listEventsQuerySchema.safeParse({ since }).success).toBe(false);
  });
});

describe("token schemas", () => {
  it("trims the name and reads the expiry from text", () => {
    expect(createTokenSchema.parse({ name: "  ci  ", expiresInDays: "30" })).toEqual({ name: "ci", expiresInDays: 30 });
  });

  it.each([
    [{ name: "" }],
    [{ name: "   " }],
    [{ name: "n".repeat(101) }],
    [{ name: "ci", expiresInDays: 0 }],
    [{ name: "ci", expiresInDays: 3651 }],
    [{ name: "ci", expiresInDays: 1.5 }],
  ])("refuses %j", (input) => {
    expect(createTokenSchema.safeParse(input).success).toBe(false);
  });

  it("requires an e-mail, a password and a token name to trade a password for a token", () => {
    expect(passwordTokenSchema.safeParse({ email: "a@example.test", password: "pw", name: "ci" }).success).toBe(true);
    expect(passwordTokenSchema.safeParse({ email: "not-an-email", password: "pw", name: "ci" }).success).toBe(false);
    expect(passwordTokenSchema.safeParse({ email: "a@example.test", password: "", name: "ci" }).success).toBe(false);
    expect(passwordTokenSchema.safeParse({ email: "a@example.test", password: "pw" }).success).toBe(false);
  });
});
