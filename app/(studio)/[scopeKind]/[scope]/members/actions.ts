"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";
import { runAction } from "@/server/http/actions";
import { removeMember, setMemberRole } from "@/server/scopes/members";
import type { SetMemberRoleInput } from "@/lib/schemas/members";

const scopeSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) });

export async function setMemberRoleAction(
  scope: { kind: string; name: string },
  email: string,
  input: SetMemberRoleInput,
) {
  return runAction(async (actor) => {
    const member = await setMemberRole(actor, scopeSchema.parse(scope), email, input);
    revalidatePath("/", "layout");
    return member;
  });
}

export async function removeMemberAction(scope: { kind: string; name: string }, email: string) {
  return runAction(async (actor) => {
    await removeMember(actor, scopeSchema.parse(scope), email);
    revalidatePath("/", "layout");
    return null;
  });
}
