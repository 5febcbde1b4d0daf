import "server-only";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { db } from "@/server/db";
import { conflict } from "@/lib/errors";
import { createEndpointSchema, type CreateEndpointInput, type EndpointDto } from "@/lib/schemas/endpoints";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { newEndpointKey } from "@/server/endpoints/endpoint-keys";
import { toEndpointDto } from "@/server/endpoints/endpoint-dto";
import { endpointInclude } from "@/server/endpoints/find-endpoint";

export type EndpointKeys = { primaryKey: string | null; secondaryKey: string | null };

/** A new endpoint with two fresh keys, which this answer shows once (a reveal can show them later). */
export async function createEndpoint(
  actor: Actor,
  workspace: string,
  input: CreateEndpointInput,
): Promise<{ endpoint: EndpointDto; keys: EndpointKeys }> {
  const data = createEndpointSchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const primary = newEndpointKey();
  const secondary = newEndpointKey();
  try {
    const row = await db.$transaction(async (tx) => {
      if (
        await tx.endpoint.findUnique({
          where: { scopeId_name: { scopeId: scope.id, name: data.name } },
          select: { id: true },
        })
      ) {
        throw conflict(`An endpoint named "${data.name}" already exists in workspace "${workspace}".`);
      }
      const created = await tx.endpoint.create({
        data: {
          scopeId: scope.id,
          name: data.name,
          kind: data.kind,
          description: data.description,
          authMode: data.authMode,
          key1Hash: primary.hash,
          key1Sealed: primary.sealed,
          key2Hash: secondary.hash,
          key2Sealed: secondary.sealed,
          createdById: actor.userId,
          createdByLabel: actorLabel(actor),
        },
        include: endpointInclude,
      });
      await recordEvent(tx, {
        actor,
        action: "endpoint.created",
        subject: { type: "endpoint", id: created.id, label: created.name },
        scopeId: scope.id,
        data: { kind: created.kind },
      });
      return created;
    });
    return { endpoint: toEndpointDto(workspace, row), keys: { primaryKey: primary.key, secondaryKey: secondary.key } };
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`An endpoint named "${data.name}" already exists in workspace "${workspace}".`);
    throw error;
  }
}
