import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";

describe("passwords", () => {
  it("salts every hash: one password hashed twice gives two different hashes", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toContain("correct horse");
  });

  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("verifies unicode passwords", async () => {
    const stored = await hashPassword("pässwörd-密码-🔑");
    expect(await verifyPassword("pässwörd-密码-🔑", stored)).toBe(true);
    expect(await verifyPassword("passwort-密码-🔑", stored)).toBe(false);
  });

  it.each(["", "scrypt$unused", "bcrypt$10$abc", "plain-text-password"])(
    "refuses every password against the malformed hash %j",
    async (stored) => {
      expect(await verifyPassword("plain-text-password", stored)).toBe(false);
    },
  );
});
