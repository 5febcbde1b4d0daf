import "server-only";
import { testEndpointSchema } from "@/lib/schemas/endpoints";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { scoringControl } from "@/server/runtime/scoring/scoring-control";

export type TestResult = {
  status: number;
  deployment: string | null;
  latencyMs: number;
  body: unknown;
  rawBody: string;
};

/**
 * The Test tab: scores a payload as the scoring URL would (same routing, data collection and counters),
 * with the signed-in user's rights in place of a key.
 */
export async function testEndpoint(
  actor: Actor,
  workspace: string,
  endpoint: string,
  input: unknown,
): Promise<TestResult> {
  const data = testEndpointSchema.parse(input);
  await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const outcome = await scoringControl.score({
    workspace,
    endpoint,
    body: data.body,
    deployment: data.deployment || null,
  });
  let body: unknown = outcome.body;
  try {
    body = JSON.parse(outcome.body);
  } catch {
    // not JSON: shown as text
  }
  return {
    status: outcome.status,
    deployment: outcome.deployment,
    latencyMs: Math.round(outcome.latencyMs * 100) / 100,
    body,
    rawBody: outcome.body,
  };
}
