import "server-only";
import { invalid, isAppError } from "@/lib/errors";
import type { ComponentEnvironment } from "@/lib/pipeline/types";
import { environmentSpecSchema } from "@/lib/schemas/assets";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/actor";
import { createEnvironmentVersion } from "@/server/assets/create-environment-version";
import { resolveAssetVersion } from "@/server/assets/resolve-asset-version";
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

/** What an environment written in Azure ML YAML (a component's, a job's, a deployment's) is here. */
export type YamlEnvironment =
  /** Registered here (or made from its inline conda file): built before what names it runs. */
  | { kind: "registered"; id: string; label: string }
  /** A reference to an environment this studio does not have (Azure's curated ones): recorded as written. */
  | { kind: "unregistered"; reference: string }
  /** A base image alone: nothing to build on local compute. */
  | { kind: "image"; image: string };

/**
 * Resolves a YAML's environment: a reference to its version in the workspace or a registry, an inline one
 * with a conda file (its text already read) to a version of the anonymous environment.
 */
export async function resolveYamlEnvironment(
  actor: Actor,
  workspace: string,
  environment: ComponentEnvironment,
): Promise<YamlEnvironment> {
  if (environment.kind === "inline") {
    if (environment.condaFile !== null) {
      const anonymous = await anonymousEnvironment(actor, workspace, {
        conda: environment.condaFile,
        image: environment.image,
      });
      return { kind: "registered", ...anonymous };
    }
    if (environment.condaFilePath)
      throw invalid(`The conda file "${environment.condaFilePath}" was not sent: put its text in the YAML.`);
    return { kind: "image", image: environment.image ?? "" };
  }
  const version =
    environment.version === null || environment.version === "latest" ? "@latest" : `:${environment.version}`;
  const ref = `${environment.registry ? `registries/${environment.registry}/` : ""}${environment.name}${version}`;
  try {
    const resolved = await resolveAssetVersion(actor, workspace, "environment", ref);
    return { kind: "registered", id: resolved.id, label: resolved.label };
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_found") throw error;
    return { kind: "unregistered", reference: environment.reference };
  }
}
