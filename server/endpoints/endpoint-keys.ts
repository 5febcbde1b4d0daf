import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/server/env";

// An endpoint's keys: 32 random bytes each. The scoring listener finds a key by its SHA-256 (a fast hash
// suits a 256-bit secret and keeps every request cheap). The key itself is kept only sealed with
// AES-256-GCM under a key derived from the server secret, so an explicit reveal can show it again while
// a copy of the database alone gives nothing away.
export const ENDPOINT_KEY_PREFIX = "mlk_";

export type SealedKey = { key: string; hash: string; sealed: string };

export function hashEndpointKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newEndpointKey(): SealedKey {
  const key = ENDPOINT_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashEndpointKey(key), sealed: sealKey(key) };
}

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

let sealingKey: Buffer | null = null;
function keyForSealing(): Buffer {
  sealingKey ??= Buffer.from(hkdfSync("sha256", serverSecret(), "mlops-studio", "endpoint-keys", 32));
  return sealingKey;
}

export function sealKey(key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyForSealing(), iv);
  const body = Buffer.concat([cipher.update(key, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}

/** The key, or null when it was sealed under another server secret (regenerate it then). */
export function unsealKey(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyForSealing(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
