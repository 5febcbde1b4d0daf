import "server-only";
import { db } from "@/server/db";
import { invalid, notFound } from "@/lib/errors";
import { LINEAGE_NODE_KINDS, type LineageNodeKind } from "@/lib/schemas/lineage";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { lineageQueries, type VersionRow } from "@/server/lineage/lineage-queries";

// `kind:scope/name[:version]`, where scope is a workspace name or `registries/<registry>`:
//   model:dev/iris-classifier:3, model:registries/shared/iris-classifier (every version), data:dev/iris:1,
//   job:dev/job-abc123, deployment:prod/iris-prod/main, endpoint:prod/iris-prod.
// The reader must be able to read the scope named (404 otherwise, as everywhere).

const USAGE =
  'Name the asset as kind:scope/name[:version], such as "model:dev/iris-classifier:3", "model:registries/shared/iris-classifier:1", "data:dev/iris:1", "job:dev/job-abc", "deployment:prod/iris-prod/main" or "endpoint:prod/iris-prod".';

function splitScope(rest: string): { scope: ScopeRef; path: string } | null {
  const registry = /^registries\/([^/]+)\/(.+)$/.exec(rest);
  if (registry) return { scope: { kind: "registry", name: registry[1]! }, path: registry[2]! };
  const workspace = /^([^/]+)\/(.+)$/.exec(rest);
  return workspace ? { scope: { kind: "workspace", name: workspace[1]! }, path: workspace[2]! } : null;
}

function nameAndVersion(path: string): { name: string; version: number | null } | null {
  const match = /^([^/:]+)(?::([1-9][0-9]{0,8}))?$/.exec(path);
  return match ? { name: match[1]!, version: match[2] ? Number(match[2]) : null } : null;
}

export async function resolveLineageRoots(
  actor: Actor,
  asset: string,
): Promise<{ scope: ScopeAccess; roots: string[]; versions: VersionRow[] }> {
  const colon = asset.indexOf(":");
  const kind = asset.slice(0, colon) as LineageNodeKind;
  const split = colon > 0 && LINEAGE_NODE_KINDS.includes(kind) ? splitScope(asset.slice(colon + 1)) : null;
  if (!split) throw invalid(USAGE, { field: "asset" });
  if (kind !== "model" && kind !== "data" && split.scope.kind === "registry")
    throw invalid(`A ${kind} lives in a workspace, not a registry. ${USAGE}`, { field: "asset" });
  const scope = await requireScope(actor, split.scope, "read");
  // A model's or data asset's versions, described as the graph shows them.
  const versions: VersionRow[] = [];
  const missing = () => notFound(`${kind} "${split.path}" in ${scope.kind} ${scope.name}`);
  const ids = async (): Promise<string[]> => {
    if (kind === "model" || kind === "data") {
      const nv = nameAndVersion(split.path);
      if (!nv) throw invalid(USAGE, { field: "asset" });
      const rows = await lineageQueries.versionIds(kind, scope.id, nv.name, nv.version);
      versions.push(...rows);
      return rows.map((r) => r.id);
    }
    if (kind === "job") {
      const job = await db.job.findUnique({
        where: { scopeId_name: { scopeId: scope.id, name: split.path } },
        select: { id: true },
      });
      return job ? [job.id] : [];
    }
    const [endpointName, deploymentName, extra] = split.path.split("/");
    if (!endpointName || extra !== undefined || (kind === "endpoint") !== (deploymentName === undefined))
      throw invalid(USAGE, { field: "asset" });
    const endpoint = await db.endpoint.findUnique({
      where: { scopeId_name: { scopeId: scope.id, name: endpointName } },
      select: { id: true, deployments: { where: { name: deploymentName ?? "" }, select: { id: true } } },
    });
    if (!endpoint) return [];
    return kind === "endpoint" ? [endpoint.id] : endpoint.deployments.map((d) => d.id);
  };
  const found = await ids();
  if (!found.length) throw missing();
  return { scope, roots: found.map((id) => `${kind}:${id}`), versions };
}
