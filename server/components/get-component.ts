import "server-only";
import { db } from "@/server/db";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { loadProvenance } from "@/server/assets/asset-provenance";
import { toComponentDto, type ComponentVersionDto } from "@/server/components/component-dto";

/** One component version (a number, or "latest") with its spec, YAML, code files and provenance. */
export async function getComponentVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
): Promise<ComponentVersionDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "component", name, version);
  return toComponentDto(row, scope, await loadProvenance(actor, row));
}
