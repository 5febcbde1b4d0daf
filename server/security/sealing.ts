import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/server/env";

// Secrets the studio must be able to show or use again (endpoint keys, webhook signing secrets) are kept
// sealed with AES-256-GCM under a key derived from the server secret, one key per purpose, so that a copy
// of the database alone gives nothing away.

export type SealingPurpose = "endpoint-keys" | "webhook-secrets";

/** The server secret: NEXTAUTH_SECRET (shared by every instance), else the one `npm start` keeps in the data folder. */
function serverSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = join(env.dataDir, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const keys = new Map<SealingPurpose, Buffer>();
function keyFor(purpose: SealingPurpose): Buffer {
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", serverSecret(), "mlops-studio", purpose, 32));
    keys.set(purpose, key);
  }
  return key;
}

export function seal(purpose: SealingPurpose, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}

/** The secret, or null when it was sealed under another server secret or for another purpose. */
export function unseal(purpose: SealingPurpose, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
