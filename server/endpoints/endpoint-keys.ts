import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { seal, unseal } from "@/server/security/sealing";

// An endpoint's keys: 32 random bytes each. The scoring listener finds a key by its SHA-256 (a fast hash
// suits a 256-bit secret and keeps every request cheap). The key itself is kept only sealed with
// AES-256-GCM under a key derived from the server secret, so an explicit reveal can show it again while
// a copy of the database alone gives nothing away (server/security/sealing.ts).
export const ENDPOINT_KEY_PREFIX = "mlk_";

export type SealedKey = { key: string; hash: string; sealed: string };

export function hashEndpointKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newEndpointKey(): SealedKey {
  const key = ENDPOINT_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashEndpointKey(key), sealed: sealKey(key) };
}

export const sealKey = (key: string): string => seal("endpoint-keys", key);

/** The key, or null when it was sealed under another server secret (regenerate it then). */
export const unsealKey = (sealed: string): string | null => unseal("endpoint-keys", sealed);
