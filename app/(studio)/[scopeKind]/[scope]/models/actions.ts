"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";
import { runAction } from "@/server/http/actions";
import { updateModelVersion } from "@/server/models/update-model-version";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { publishModelVersion } from "@/server/models/publish-model-version";
import type { UpdateModelVersionInput } from "@/lib/schemas/models";
import type { PutModelCardInput } from "@/lib/schemas/model-cards";
import { putModelCard } from "@/server/models/model-cards";
import { deleteModelAlias, setModelAlias } from "@/server/models/aliases";

// Thin server actions for the model pages: authenticate (runAction), validate the target, call one
// domain function, refresh the pages that show it.

const targetSchema = z.object({
  scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) }),
  name: z.string().max(255),
  version: z.number().int().positive(),
});
type Target = z.infer<typeof targetSchema>;

export async function updateVersionAction(target: Target, change: UpdateModelVersionInput) {
  return runAction(async (actor) => {
    const t = targetSchema.parse(target);
    const updated = await updateModelVersion(actor, t.scope, t.name, t.version, change);
    revalidatePath("/", "layout");
    return { updatedAt: updated.updatedAt };
  });
}

export async function deleteVersionAction(target: Target, reason: string) {
  return runAction(async (actor) => {
    const t = targetSchema.parse(target);
    await deleteModelVersion(actor, t.scope, t.name, t.version, z.string().max(1000).parse(reason));
    revalidatePath("/", "layout");
    return null;
  });
}

export async function publishVersionAction(target: Target, registry: string, targetName: string, reason: string) {
  return runAction(async (actor) => {
    const t = targetSchema.parse(target);
    const created = await publishModelVersion(actor, z.string().max(63).parse(registry), targetName, {
      source: { workspace: t.scope.name, name: t.name, version: t.version },
      reason,
    });
    revalidatePath("/", "layout");
    return { registry: created.scope.name, name: created.name, version: created.version };
  });
}

const cardTargetSchema = z.object({
  scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) }),
  name: z.string().max(255),
  version: z.number().int().positive().nullable(),
});

/** Writes a model's card (version null) or a version's; the input is validated by the domain. */
export async function putModelCardAction(target: z.input<typeof cardTargetSchema>, card: PutModelCardInput) {
  return runAction(async (actor) => {
    const t = cardTargetSchema.parse(target);
    const saved = await putModelCard(actor, t.scope, t.name, t.version, card);
    revalidatePath("/", "layout");
    return { revision: saved.revision };
  });
}

const aliasTargetSchema = z.object({
  scope: z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) }),
  name: z.string().max(255),
});

/** Points an alias at a version (version set), or removes it (version null); the domain checks the name. */
export async function setAliasAction(
  target: z.input<typeof aliasTargetSchema>,
  alias: string,
  version: number | null,
  reason: string,
) {
  return runAction(async (actor) => {
    const t = aliasTargetSchema.parse(target);
    const name = z.string().max(300).parse(alias);
    const why = z.string().max(1000).parse(reason) || undefined;
    if (version === null) {
      await deleteModelAlias(actor, t.scope, t.name, name, why);
      revalidatePath("/", "layout");
      return { followers: [] };
    }
    const set = await setModelAlias(actor, t.scope, t.name, name, z.number().int().positive().parse(version), why);
    revalidatePath("/", "layout");
    return { followers: set.followers };
  });
}
