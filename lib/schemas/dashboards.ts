import { z } from "zod";
import { SCOPE_KINDS } from "@/lib/scopes";

// The production overview: per prod workspace the reader belongs to, each endpoint's deployments with the model
// version they serve, who approved it, their traffic, health over the last 24 hours and drift, and the last change.

export const productionQuerySchema = z.object({ at: z.iso.datetime({ offset: true }).optional() });

const scopeRef = z.object({ kind: z.enum(SCOPE_KINDS), name: z.string() });

export const productionDeploymentSchema = z.object({
  name: z.string(),
  state: z.string(),
  /** Whether the deployment still exists (at a past instant it may have been deleted since). */
  exists: z.boolean(),
  model: z.object({ scope: scopeRef, name: z.string(), version: z.number().int(), label: z.string() }).nullable(),
  /** Who approved the request that created it, when one did. */
  approvedBy: z.array(z.string()),
  traffic: z.number().int(),
  mirror: z.number().int(),
  requests24h: z.number().int(),
  errorRate24h: z.number().nullable(),
  p95Ms24h: z.number().nullable(),
  /** The latest outcome of the deployment's monitors: alert wins over pass. */
  drift: z.string().nullable(),
  /** A monitor to open, by name. */
  monitor: z.string().nullable(),
});

export const productionEndpointSchema = z.object({
  name: z.string(),
  kind: z.string(),
  /** Whether the endpoint still exists (at a past instant it may have been deleted since). */
  exists: z.boolean(),
  deployments: z.array(productionDeploymentSchema),
  lastChange: z.object({ at: z.string(), by: z.string(), what: z.string(), reason: z.string().nullable() }).nullable(),
});

export const productionOverviewSchema = z
  .object({
    at: z.string(),
    workspaces: z.array(
      z.object({ name: z.string(), displayName: z.string(), endpoints: z.array(productionEndpointSchema) }),
    ),
  })
  .describe("What serves production: every prod workspace you are a member of, endpoint by endpoint.");
export type ProductionOverview = z.infer<typeof productionOverviewSchema>;
export type ProductionDeployment = z.infer<typeof productionDeploymentSchema>;
