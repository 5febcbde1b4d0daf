"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";
import { runAction } from "@/server/http/actions";
import { decidePromotion } from "@/server/governance/promotions";
import { putPolicy } from "@/server/governance/policy";

// Thin server actions for the approvals pages: authenticate (runAction), call one domain function.

const scopeSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) });

export async function decidePromotionAction(
  scope: z.input<typeof scopeSchema>,
  id: string,
  decision: "approve" | "reject" | "cancel",
  comment: string,
) {
  return runAction(async (actor) => {
    const decided = await decidePromotion(
      actor,
      scopeSchema.parse(scope),
      z.string().max(64).parse(id),
      z.enum(["approve", "reject", "cancel"]).parse(decision),
      { comment },
    );
    revalidatePath("/", "layout");
    return { state: decided.state, applyError: decided.applyError };
  });
}

export async function putPolicyAction(scope: z.input<typeof scopeSchema>, input: unknown) {
  return runAction(async (actor) => {
    await putPolicy(actor, scopeSchema.parse(scope), input);
    revalidatePath("/", "layout");
    return null;
  });
}
