import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { db } from "@/server/db";
import { Prisma } from "@/generated/sqlite/client";
import { env } from "@/server/env";

// E-mails the notifications of those who asked for e-mail. Each copy is claimed with a lease (as webhook
// deliveries are), so with several studio processes one of them sends it; a mail server that refuses or
// cannot be reached gets three tries a minute or so apart, then the copy is marked failed with the
// server's answer. The notification itself stays in the studio either way.

const MAX_TRIES = 3;
const RETRY_MS = 30_000;
const LEASE_MS = 60_000;
const BATCH = 20;

const REASONS: Record<string, string> = {
  watch: "You watch what this is about.",
  my_job: "You submitted this job.",
  prod_deployment: "You are a member of this prod workspace.",
  rule: "An automation rule sent this to you.",
  approval: "You may approve this request, or you made it.",
};

let transport: Transporter | null = null;
function mailer(): Transporter | null {
  if (!env.STUDIO_SMTP_URL) return null;
  // Short timeouts: a mail server that hangs must not hold copies past their lease.
  transport ??= createTransport(env.STUDIO_SMTP_URL, {
    from: env.STUDIO_SMTP_FROM,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return transport;
}

type ClaimedEmail = { id: string; title: string; link: string; reason: string; attempts: number; to: string };

async function claimEmails(owner: string, now: Date): Promise<ClaimedEmail[]> {
  const lock = env.isPostgres ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const claimed = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "Notification"
    SET "emailLeaseOwner" = ${owner}, "emailLeaseExpiresAt" = ${new Date(now.getTime() + LEASE_MS)},
        "emailAttempts" = "emailAttempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE "emailStatus" = 'pending' AND "emailNextAttemptAt" <= ${now}
        AND ("emailLeaseExpiresAt" IS NULL OR "emailLeaseExpiresAt" < ${now})
      ORDER BY "emailNextAttemptAt"
      LIMIT ${BATCH}
      ${lock}
    )
    RETURNING "id"`);
  if (!claimed.length) return [];
  const rows = await db.notification.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    select: { id: true, title: true, link: true, reason: true, emailAttempts: true, user: { select: { email: true } } },
  });
  return rows.map((r) => ({ ...r, attempts: r.emailAttempts, to: r.user.email }));
}

/** The message of one notification: its title as the subject, and why the reader gets it. */
export function emailOf(n: Pick<ClaimedEmail, "title" | "link" | "reason">, studioUrl: string) {
  const url = `${studioUrl}${n.link}`;
  const why = REASONS[n.reason] ?? "";
  const settings = `${studioUrl}/notifications`;
  return {
    subject: n.title,
    text: `${n.title}\n\n${url}\n\n${why} Choose what you hear about, and whether by e-mail, at ${settings}\n`,
  };
}

/** Sends the copies that are due; answers how many it tried. */
export async function sendDueEmails(owner: string, now = new Date()): Promise<number> {
  const transporter = mailer();
  if (!transporter) return 0;
  const due = await claimEmails(owner, now);
  for (const n of due) {
    let error: string | null = null;
    try {
      const sent = await transporter.sendMail({ to: n.to, ...emailOf(n, env.studioUrl) });
      if (sent.rejected.length) error = `the mail server refused ${n.to}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    }
    const settled = error
      ? n.attempts >= MAX_TRIES
        ? { emailStatus: "failed", emailError: error }
        : { emailNextAttemptAt: new Date(Date.now() + RETRY_MS * n.attempts), emailError: error }
      : { emailStatus: "sent", emailError: null };
    // Written only while this sender still holds the copy.
    await db.notification.updateMany({
      where: { id: n.id, emailLeaseOwner: owner, emailAttempts: n.attempts },
      data: { ...settled, emailLeaseOwner: null, emailLeaseExpiresAt: null },
    });
  }
  return due.length;
}
