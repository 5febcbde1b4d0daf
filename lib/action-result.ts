import type { ErrorCode } from "@/lib/errors";

/** What a server action answers: its data, or an expected failure the form can show. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode | "internal" | "approval_required"; message: string; link?: string } };
