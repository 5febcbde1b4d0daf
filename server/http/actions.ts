import "server-only";
import { ZodError } from "zod";
import { ApprovalRequired, isAppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import { requirePageActor } from "@/server/auth/session";
import type { Actor } from "@/server/auth/actor";

export type { ActionResult } from "@/lib/action-result";

/**
 * Runs a server action's work for the signed-in user and turns expected failures into values the form
 * can show. Server actions are reachable by direct POST, so each one authenticates here, never relying
 * on the page that rendered it.
 */
export async function runAction<T>(work: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await requirePageActor();
  try {
    return { ok: true, data: await work(actor) };
  } catch (error) {
    if (error instanceof ApprovalRequired) {
      const { scope, id } = error.promotion;
      return {
        ok: false,
        error: { code: "approval_required", message: error.message, link: pages.promotion(scope as ScopeRef, id) },
      };
    }
    if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof ZodError) {
      return {
        ok: false,
        error: {
          code: "invalid",
          message: error.issues
            .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
            .join("; "),
        },
      };
    }
    console.error("Unexpected error in server action", error);
    return { ok: false, error: { code: "internal", message: "Something went wrong on the server." } };
  }
}
