import "server-only";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { findSection } from "@/lib/sections";
import type { RuleDto } from "@/lib/schemas/automations";
import type { Actor } from "@/server/auth/actor";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import type { ScopeAccess } from "@/server/scopes/scope-access";
import { listWebhooks } from "@/server/webhooks/manage-webhooks";
import { listExperiments } from "@/server/jobs/list-experiments";
import { listMembers } from "@/server/scopes/members";
import type { RuleTargetNames } from "@/components/automations/describe-rule";

// What the automation pages read besides the rules: the names of the pipelines and webhooks that actions
// point at by id, so a rule reads "submit pipeline nightly retrain" rather than an id.

/** Automations are a workspace's: a registry's address is the studio's not-found page. */
export function requireAutomationsSection(scope: ScopeAccess): void {
  if (!findSection("automations", scope.kind)) notFound();
}

export async function loadTargetNames(actor: Actor, scope: ScopeAccess, rules: RuleDto[]): Promise<RuleTargetNames> {
  const actions = rules.flatMap((r) => r.actions);
  const needsPipelines = actions.some((a) => a.type === "submit_pipeline");
  // Readers see no webhooks, and contributors only their own: the others stay ids.
  const needsWebhooks = actions.some((a) => a.type === "call_webhook") && roleAllows(scope.role, "write");
  const [pipelines, webhooks] = await Promise.all([
    needsPipelines ? listPipelines(actor, scope.name, { limit: 200 }) : [],
    needsWebhooks ? listWebhooks(actor, scope).then((r) => r.items) : [],
  ]);
  return {
    pipelines: Object.fromEntries(pipelines.map((p) => [p.id, p.name])),
    webhooks: Object.fromEntries(webhooks.map((w) => [w.id, w.url])),
  };
}

/** What the rule form offers to choose from: the workspace's experiments, pipelines, webhooks and members. */
export async function loadRuleFormChoices(actor: Actor, scope: ScopeAccess) {
  const ref = { kind: scope.kind, name: scope.name };
  const [pipelines, webhooks, members, experiments] = await Promise.all([
    listPipelines(actor, scope.name, { limit: 200 }),
    listWebhooks(actor, ref),
    listMembers(actor, ref),
    listExperiments(actor, scope.name),
  ]);
  return {
    experiments: experiments.map((e) => e.name),
    targets: {
      pipelines: pipelines
        .map((p) => ({ id: p.id, name: p.name, versionCount: p.versionCount }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      webhooks: webhooks.items.map((w) => ({ id: w.id, url: w.url, description: w.description })),
      members: members.map((m) => ({ email: m.email, name: m.name })),
    },
  };
}
