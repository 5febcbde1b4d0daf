import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { pythonShimDir } from "@/server/runtime/python-shim";
import { canRunSklearnExample } from "@/server/jobs/examples";

export type SubmitOptions = {
  environments: string[];
  dataAssets: string[];
  python: string | null;
  hasSklearn: boolean;
};

/** What the submit form offers: the workspace's environments and data assets (newest versions first), and which Python runs jobs. */
export async function getSubmitOptions(actor: Actor, workspace: string): Promise<SubmitOptions> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  const versions = await db.assetVersion.findMany({
    where: { scopeId: scope.id, kind: { in: ["environment", "data"] }, isArchived: false },
    orderBy: [{ name: "asc" }, { version: "desc" }],
    select: { kind: true, name: true, version: true },
    take: 500,
  });
  const refs = (kind: string) => versions.filter((v) => v.kind === kind).map((v) => `${v.name}:${v.version}`);
  return {
    environments: refs("environment"),
    dataAssets: refs("data"),
    python: pythonShimDir()?.python ?? null,
    hasSklearn: canRunSklearnExample(),
  };
}
