import "server-only";
import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks signatures: HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}" under the
// secret's bytes, sent as `v1,<base64>`; while a rotated-out secret is still valid both are sent,
// separated by a space, so receivers holding either verify.

export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** A new signing secret: 32 random bytes, base64, with the `whsec_` prefix the spec asks for. */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret,
    "base64",
  );
}

/** The `webhook-signature` header for one message, signed with each secret in turn. */
export function signatureHeader(msgId: string, timestamp: number, body: string, secrets: readonly string[]): string {
  const content = `${msgId}.${timestamp}.${body}`;
  return secrets
    .map((secret) => `v1,${createHmac("sha256", keyOf(secret)).update(content).digest("base64")}`)
    .join(" ");
}
