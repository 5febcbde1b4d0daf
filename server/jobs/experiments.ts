import "server-only";
import type { Tx } from "@/server/db";

/** The experiment of that name, created on first use. */
export function upsertExperiment(tx: Tx, scopeId: string, name: string, createdById: string) {
  return tx.experiment.upsert({
    where: { scopeId_name: { scopeId, name } },
    create: { scopeId, name, createdById },
    // A no-op update keeps this a single INSERT … ON CONFLICT, safe when two jobs open one experiment.
    update: { name },
  });
}
