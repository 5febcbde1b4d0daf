import "server-only";
import { db } from "@/server/db";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import { loadProvenance } from "@/server/assets/asset-provenance";
import {
  toDataDto,
  toEnvironmentDto,
  type DataVersionDto,
  type EnvironmentVersionDto,
} from "@/server/assets/asset-dto";

/** One environment version (a number, or "latest") with its spec exactly as given and its provenance. */
export async function getEnvironmentVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
): Promise<EnvironmentVersionDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "environment", name, version);
  return toEnvironmentDto(row, scope, await loadProvenance(actor, row));
}

/** One data asset version with its files, profile (or its state) and provenance. */
export async function getDataVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  name: string,
  version: number | "latest",
): Promise<DataVersionDto> {
  const scope = await requireScope(actor, scopeRef, "read");
  const row = await findAssetVersionOrThrow(db, scope.id, "data", name, version);
  return toDataDto(row, scope, await loadProvenance(actor, row));
}
