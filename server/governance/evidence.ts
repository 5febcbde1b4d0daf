import "server-only";
import { db } from "@/server/db";
import { formatAssetRef } from "@/lib/asset-ref";
import { lineageRecordSchema } from "@/lib/schemas/lineage";
import type { ScopeKind } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { cardOfVersion } from "@/server/models/model-cards";
import { listMonitors } from "@/server/monitoring/manage-monitors";
import { endpointComparison } from "@/server/monitoring/challenger-comparison";

// What approvers see, frozen when the request is made: the model version's lineage (metrics, commit, data),
// its card, and for an endpoint its deployments, the latest monitor outcomes and the challenger comparison.
// Evidence never fails a request: a part that cannot be read says why instead.

async function part<T>(read: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await read();
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

export async function gatherEvidence(
  actor: Actor,
  what: { modelVersionId?: string | null; workspace?: string; endpoint?: string | null },
): Promise<Record<string, unknown>> {
  const evidence: Record<string, unknown> = { takenAt: new Date().toISOString() };
  if (what.modelVersionId) {
    const version = await db.modelVersion.findUnique({
      where: { id: what.modelVersionId },
      select: {
        name: true,
        version: true,
        description: true,
        tags: { select: { key: true, value: true } },
        lineage: { select: { record: true } },
        model: { select: { scope: { select: { kind: true, name: true } } } },
      },
    });
    if (version) {
      const scope = { kind: version.model.scope.kind as ScopeKind, name: version.model.scope.name };
      evidence.model = {
        scope,
        name: version.name,
        version: version.version,
        label: formatAssetRef(scope, version.name, version.version),
        description: version.description,
        tags: Object.fromEntries(version.tags.map((t) => [t.key, t.value])),
      };
      evidence.lineage = version.lineage ? lineageRecordSchema.parse(JSON.parse(version.lineage.record)) : null;
      evidence.card = await part(() => cardOfVersion(what.modelVersionId!));
    }
  }
  if (what.workspace && what.endpoint) {
    const { workspace, endpoint } = what;
    evidence.monitors = await part(async () =>
      (await listMonitors(actor, workspace, { endpoint })).map((m) => ({
        name: m.name,
        deployment: m.deployment,
        outcome: m.lastRun?.outcome ?? null,
        at: m.lastRun?.at ?? null,
      })),
    );
    evidence.comparison = await part(async () => {
      const comparison = await endpointComparison(actor, workspace, endpoint, { window: "P1D" });
      return comparison.mirror ? comparison : null;
    });
  }
  return evidence;
}
