import "server-only";
import type { Db, Tx } from "@/server/db";

/** The experiment of that name, created on first use. */
export function upsertExperiment(client: Db | Tx, scopeId: string, name: string, createdById: string | null) {
  return client.experiment.upsert({
    where: { scopeId_name: { scopeId, name } },
    create: { scopeId, name, createdById },
    // A no-op update keeps this a single INSERT … ON CONFLICT, safe when two jobs open one experiment.
    update: { name },
  });
}
