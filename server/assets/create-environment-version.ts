import "server-only";
import { db } from "@/server/db";
import {
  createEnvironmentVersionSchema,
  environmentSpecSchema,
  type CreateEnvironmentVersionInput,
} from "@/lib/schemas/assets";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { insertAssetVersion } from "@/server/assets/insert-asset-version";
import { toEnvironmentDto, type EnvironmentVersionDto } from "@/server/assets/asset-dto";

/**
 * Creates the next version of an environment: a conda file, pip requirements and/or a base image, kept
 * exactly as given (the conda file gets a light structural check: the studio has no YAML parser).
 */
export async function createEnvironmentVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  input: CreateEnvironmentVersionInput,
): Promise<EnvironmentVersionDto> {
  const data = createEnvironmentVersionSchema.parse(input);
  const spec = environmentSpecSchema.parse({ conda: data.conda, pip: data.pip, image: data.image });
  const scope = await requireScope(actor, scopeRef, "write");
  const row = await db.$transaction((tx) =>
    insertAssetVersion(
      tx,
      actor,
      scope,
      {
        kind: "environment",
        name: data.name,
        description: data.description,
        tags: data.tags,
        spec,
        files: [],
        profileStatus: null,
      },
      null,
    ),
  );
  return toEnvironmentDto(row, scope, { origin: null, sharedTo: [] });
}
