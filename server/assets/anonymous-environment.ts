import "server-only";
import { environmentSpecSchema } from "@/lib/schemas/assets";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { requireScope } from "@/server/scopes/scope-access";

/** Where inline environments of job YAMLs are kept, as Azure ML keeps them ("CliV2AnonymousEnvironment"). */
export const ANONYMOUS_ENVIRONMENT = "anonymous-environment";

/**
 * An inline environment (a job YAML's `environment: {conda_file, image}`) as an environment version of the
 * workspace, so that it is built and recorded like any other: the version with exactly this spec, or a new one.
 */
export async function anonymousEnvironment(
  actor: Actor,
  workspace: string,
  given: { conda: string | null; image: string | null },
): Promise<{ id: string; label: string }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const spec = environmentSpecSchema.parse({ conda: given.conda, pip: null, image: given.image });
  const existing = await db.assetVersion.findFirst({
    where: { scopeId: scope.id, kind: "environment", name: ANONYMOUS_ENVIRONMENT, spec: JSON.stringify(spec) },
    select: { id: true, version: true },
    orderBy: { version: "asc" },
  });
  if (existing) return { id: existing.id, label: `${ANONYMOUS_ENVIRONMENT}:${existing.version}` };
  const created = await createEnvironmentVersion(
    actor,
    { kind: "workspace", name: workspace },
    {
      name: ANONYMOUS_ENVIRONMENT,
      description: "Inline environments of job YAMLs, one version per spec.",
      conda: spec.conda,
      image: spec.image,
    },
  );
  return { id: created.id, label: `${ANONYMOUS_ENVIRONMENT}:${created.version}` };
}
