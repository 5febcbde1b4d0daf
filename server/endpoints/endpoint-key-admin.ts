import "server-only";
import { db } from "@/server/db";
import { regenerateKeySchema } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope } from "@/server/scopes/scope-access";
import { newEndpointKey, unsealKey } from "@/server/endpoints/endpoint-keys";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";
import type { EndpointKeys } from "@/server/endpoints/create-endpoint";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";

/**
 * Replaces one key; the old one stops working at once in this process, and within a second in other
 * studio processes (they re-read an endpoint's revision every second). Answers the new key, once.
 */
export async function regenerateEndpointKey(
  actor: Actor,
  workspace: string,
  name: string,
  input: unknown,
): Promise<EndpointKeys> {
  const { key } = regenerateKeySchema.parse(input);
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const fresh = newEndpointKey();
  const endpointId = await db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, name, { forUpdate: true });
    await tx.endpoint.update({
      where: { id: endpoint.id },
      data:
        key === "primary"
          ? { key1Hash: fresh.hash, key1Sealed: fresh.sealed, revision: { increment: 1 } }
          : { key2Hash: fresh.hash, key2Sealed: fresh.sealed, revision: { increment: 1 } },
    });
    // The event says which key changed, never the key.
    await recordEvent(tx, {
      actor,
      action: "endpoint.key.regenerated",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
      data: { key },
    });
    return endpoint.id;
  });
  await scoringControl.invalidate(endpointId);
  return key === "primary"
    ? { primaryKey: fresh.key, secondaryKey: null }
    : { primaryKey: null, secondaryKey: fresh.key };
}

/** Shows both keys again: an explicit act by someone who may change the workspace, recorded as an event. */
export async function revealEndpointKeys(actor: Actor, workspace: string, name: string): Promise<EndpointKeys> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  return db.$transaction(async (tx) => {
    const endpoint = await findEndpointOrThrow(tx, scope.id, name, { forUpdate: true });
    await recordEvent(tx, {
      actor,
      action: "endpoint.keys.revealed",
      subject: { type: "endpoint", id: endpoint.id, label: endpoint.name },
      scopeId: scope.id,
    });
    return {
      primaryKey: endpoint.key1Sealed ? unsealKey(endpoint.key1Sealed) : null,
      secondaryKey: endpoint.key2Sealed ? unsealKey(endpoint.key2Sealed) : null,
    };
  });
}
