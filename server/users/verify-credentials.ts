import "server-only";
import { db } from "@/server/db";
import { timingDummyHash, verifyPassword } from "@/server/auth/passwords";
import { recordEvent } from "@/server/events/record-event";
import { AppError } from "@/lib/errors";
import { recordSignInFailure, recordSignInSuccess, signInWaitSeconds } from "@/server/auth/sign-in-throttle";
import type { Actor } from "@/server/auth/actor";

/**
 * Checks an e-mail and password. The caller learns only that the pair was wrong, not which half. Failures
 * are throttled per account and per client address (`address`): while a wait is running, the attempt is
 * refused with too_many_requests before the password is looked at. A failure is recorded as an event
 * (without the password), at most a set number a minute.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  via: Actor["via"] = "session",
  address: string | null = null,
): Promise<Actor | null> {
  const normalized = email.trim().toLowerCase();
  const wait = await signInWaitSeconds(normalized, address);
  if (wait > 0)
    throw new AppError("too_many_requests", `Too many failed sign-ins; try again in ${wait} s.`, {
      retryAfterSeconds: wait,
    });
  const user = await db.user.findUnique({ where: { email: normalized } });
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (user && isValid) {
    await recordSignInSuccess(normalized);
    return { userId: user.id, email: user.email, name: user.name, via };
  }
  const { isAudited } = await recordSignInFailure(normalized, address);
  if (!isAudited) return null;
  await db.$transaction(async (tx) => {
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: normalized.slice(0, 320) || "(no e-mail)",
      action: "auth.sign_in_failed",
      subject: { type: "user", id: user?.id ?? null, label: normalized.slice(0, 320) || "(no e-mail)" },
      data: { via, knownUser: Boolean(user) },
    });
  });
  return null;
}
