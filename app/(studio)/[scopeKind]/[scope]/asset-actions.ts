"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";
import { ASSET_KINDS, type AssetKind, type CreateEnvironmentVersionInput } from "@/lib/schemas/assets";
import { runAction } from "@/server/http/actions";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { updateAssetVersion } from "@/server/assets/update-asset-version";
import { shareAssetVersion } from "@/server/assets/share-asset-version";

// Thin server actions for the environment and data pages: authenticate (runAction), validate the
// target, call one domain function, refresh the pages that show it.

const scopeSchema = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string().max(63) });
const targetSchema = z.object({ scope: scopeSchema, name: z.string().max(255), version: z.number().int().positive() });
type Target = z.infer<typeof targetSchema>;

export async function createEnvironmentVersionAction(
  scope: z.infer<typeof scopeSchema>,
  input: CreateEnvironmentVersionInput,
) {
  return runAction(async (actor) => {
    const created = await createEnvironmentVersion(actor, scopeSchema.parse(scope), input);
    revalidatePath("/", "layout");
    return { name: created.name, version: created.version };
  });
}

/** Bound to (kind, target) on the page, then called with the change by the tag and description editors. */
export async function updateAssetVersionAction(
  kind: AssetKind,
  target: Target,
  change: { tags?: Record<string, string>; description?: string },
) {
  return runAction(async (actor) => {
    const t = targetSchema.parse(target);
    await updateAssetVersion(actor, t.scope, z.enum(ASSET_KINDS).parse(kind), t.name, t.version, change);
    revalidatePath("/", "layout");
    return null;
  });
}

export async function shareAssetVersionAction(
  kind: AssetKind,
  target: Target,
  registry: string,
  targetName: string,
  reason: string,
) {
  return runAction(async (actor) => {
    const t = targetSchema.parse(target);
    const copy = await shareAssetVersion(actor, t.scope, z.enum(ASSET_KINDS).parse(kind), t.name, t.version, {
      registry,
      name: targetName || undefined,
      reason,
    });
    revalidatePath("/", "layout");
    return { registry: copy.scope.name, name: copy.name, version: copy.version };
  });
}
