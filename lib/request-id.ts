// Request ids of scoring calls: the caller's own `x-request-id` when it is a plain token, else a UUIDv7.
// A UUIDv7 starts with its time in milliseconds, so ids sort by time and an id alone says roughly when
// the request came (ground truth sent later is matched to collected requests by id).

/** Whether a caller's `x-request-id` is kept: 1–128 visible ASCII characters (no spaces or controls). */
export function acceptedRequestId(value: string | string[] | undefined): string | null {
  if (typeof value !== "string") return null;
  return /^[\x21-\x7e]{1,128}$/.test(value) ? value : null;
}

/** A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version and variant, then random bits. */
export function newRequestId(now = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** When a UUIDv7 was made (null for any other id). */
export function requestIdTime(id: string): Date | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return new Date(parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}
