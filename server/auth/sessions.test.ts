import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { endAllSessions, endSession, openSession, sessionActor } from "@/server/auth/sessions";
import { failureOf } from "@/tests/support/failures";
import { createUser } from "@/tests/support/factories";

describe("browser sessions", () => {
  it("works until it is signed out, and only for its own user", async () => {
    const user = await createUser();
    const other = await createUser();
    const id = await openSession(user.userId);
    expect(await sessionActor(user.userId, id)).toMatchObject({
      userId: user.userId,
      email: user.email,
      via: "session",
    });
    expect(await sessionActor(other.userId, id)).toBeNull();
    await endSession(id);
    expect(await sessionActor(user.userId, id)).toBeNull();
  });

  it("ends every session of the user when they sign out everywhere, and no one else's", async () => {
    const user = await createUser();
    const other = await createUser();
    const laptop = await openSession(user.userId);
    const phone = await openSession(user.userId);
    const theirs = await openSession(other.userId);
    expect(await endAllSessions(user)).toEqual({ ended: 2 });
    expect(await sessionActor(user.userId, laptop)).toBeNull();
    expect(await sessionActor(user.userId, phone)).toBeNull();
    expect(await sessionActor(other.userId, theirs)).not.toBeNull();
    expect(await db.event.count({ where: { action: "auth.signed_out_everywhere", subjectId: user.userId } })).toBe(1);
    expect((await failureOf(endAllSessions({ ...user, via: "token", jobId: "a-job" }))).code).toBe("forbidden");
  });

  it("expires after its time", async () => {
    const user = await createUser();
    const id = await openSession(user.userId);
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionActor(user.userId, id)).toBeNull();
  });
});
