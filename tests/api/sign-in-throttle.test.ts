// Password guessing through POST /auth/token: 429 with Retry-After once an account or an address has
// used its free failures, with waits that grow. Each case uses its own made-up client address (as a
// proxy in front would pass it in X-Forwarded-For) so the other test files' sign-ins are not slowed.
import { describe, expect, it } from "vitest";
import { expectError, request, uniqueName } from "./helpers";

const address = () => `192.0.2.${1 + Math.floor(Math.random() * 250)}`;
const attempt = (email: string, from: string, password = "wrong-password") =>
  request("POST", "/auth/token", {
    json: { email, password, name: uniqueName() },
    headers: { "x-forwarded-for": from },
  });

describe("POST /auth/token throttling", () => {
  it("answers 429 with a Retry-After that grows, after an account's five free failures", async () => {
    const email = `${uniqueName("guessed")}@example.com`;
    const from = address();
    for (let i = 0; i < 6; i++) expectError(await attempt(email, from), 401, "unauthorized");
    const first = await attempt(email, from);
    expect(expectError(first, 429, "too_many_requests")).toMatch(/try again in 1 s/);
    expect(first.headers.get("retry-after")).toBe("1");
    // From another address the account still waits: the limit is per account too.
    expectError(await attempt(email, address()), 429, "too_many_requests");
    await new Promise((r) => setTimeout(r, 1100));
    expectError(await attempt(email, from), 401, "unauthorized");
    const second = await attempt(email, from);
    expectError(second, 429, "too_many_requests");
    expect(Number(second.headers.get("retry-after"))).toBe(2);
  });

  it("makes one address wait after 30 failures across accounts; other addresses are not affected", async () => {
    const from = address();
    for (let i = 0; i < 31; i++)
      expectError(await attempt(`${uniqueName("spray")}@example.com`, from), 401, "unauthorized");
    const blocked = await attempt(`${uniqueName("spray")}@example.com`, from);
    expectError(blocked, 429, "too_many_requests");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expectError(await attempt(`${uniqueName("spray")}@example.com`, address()), 401, "unauthorized");
  });
});
