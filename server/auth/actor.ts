import "server-only";

/** Who is acting: every domain function takes one and checks what it may do. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  via: "session" | "token";
  tokenId?: string;
  /** Set when the token is the one the runner gave a job: it reads like its user, and writes only to that job. */
  jobId?: string;
  /** Set when an automation rule or a schedule acts in its author's name: the audit trail says which. */
  automation?: { kind: "rule" | "schedule"; name: string };
};

export function actorLabel(actor: Actor): string {
  if (actor.automation) return `${actor.email} (${actor.automation.kind} ${actor.automation.name})`;
  return actor.via === "token" ? `${actor.email} (token)` : actor.email;
}
