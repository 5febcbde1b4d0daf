import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { roleAllows } from "@/lib/permissions";
import type { ScopeRef } from "@/lib/scopes";
import type { AssetKind } from "@/lib/schemas/assets";
import type { AssetVersionSummaryDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { listAssetVersions, listAssets } from "@/server/assets/list-assets";
import { listEvents } from "@/server/events/list-events";
import { listScopes } from "@/server/scopes/list-scopes";
import { parseAssetVersionParam } from "@/server/assets/find-asset-version";

/** Everything the environment and data list pages show. */
export async function loadAssetListPage(
  params: { scopeKind: string; scope: string },
  kind: AssetKind,
  search: { q?: string; cursor?: string; registry?: string },
) {
  const { actor, scope, ref } = await loadScopePage(params);
  const registries = scope.kind === "workspace" ? (await listScopes(actor, "registry")).map((r) => r.name) : [];
  // A workspace page can show a registry's assets too: registry assets are usable from any workspace.
  const viewing: ScopeRef =
    search.registry && registries.includes(search.registry) ? { kind: "registry", name: search.registry } : ref;
  let items: AssetVersionSummaryDto[] = [];
  let nextCursor: string | null = null;
  let error: string | null = null;
  try {
    const page = await listAssets(actor, viewing, kind, { q: search.q, cursor: search.cursor, limit: 50 });
    items = page.items;
    nextCursor = page.nextCursor;
  } catch (e) {
    if (!isAppError(e) || e.code !== "invalid") throw e;
    error = e.message;
  }
  return {
    kind,
    scope: { ...ref, displayName: scope.displayName, role: scope.role },
    viewing,
    registries,
    items,
    nextCursor,
    search,
    canCreate: viewing === ref && roleAllows(scope.role, "write"),
    error,
  };
}

/** A version segment of a page URL (`3` or `latest`), or Next's 404. */
export function versionParamOrNotFound(raw: string): number | "latest" {
  const version = parseAssetVersionParam(raw);
  if (typeof version === "number" && Number.isNaN(version)) notFound();
  return version;
}

type VersionParams = { scopeKind: string; scope: string; name: string; version: string };

/**
 * Everything an environment, data or component version page shows around the version itself: the
 * version (from `get`, or Next's 404), its siblings, its recorded events, and where it may be shared.
 */
export async function loadAssetVersionPage<V extends { id: string; version: number }>(
  params: VersionParams,
  kind: AssetKind,
  get: (actor: Actor, ref: ScopeRef, name: string, version: number | "latest") => Promise<V>,
) {
  const { actor, scope, ref } = await loadScopePage(params);
  const name = safeDecode(params.name);
  const v = await orNotFound(get(actor, ref, name, versionParamOrNotFound(params.version)));
  const [versions, events, registries] = await Promise.all([
    listAssetVersions(actor, ref, kind, name, { limit: 200 }),
    listEvents(actor, { subjectId: v.id, limit: 50 }),
    ref.kind === "workspace" ? listScopes(actor, "registry") : Promise.resolve([]),
  ]);
  return {
    actor,
    scope,
    ref,
    name,
    v,
    versions,
    events,
    canWrite: roleAllows(scope.role, "write"),
    /** What the page's actions (edit, share) act on. */
    target: { scope: ref, name, version: v.version },
    /** The registries a workspace's version may be shared to: those the actor may write to. */
    writableRegistries: registries.filter((r) => roleAllows(r.role, "write")).map((r) => r.name),
  };
}
