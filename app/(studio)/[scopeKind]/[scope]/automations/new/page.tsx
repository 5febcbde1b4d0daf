import Link from "next/link";
import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { listExperiments } from "@/server/jobs/list-experiments";
import { listPipelines } from "@/server/pipelines/list-pipelines";
import { listMembers } from "@/server/scopes/members";
import { listWebhooks } from "@/server/webhooks/manage-webhooks";
import { Alert, PageHeader } from "@/components/ui/misc";
import { RuleForm } from "@/components/automations/rule-form";
import { createRuleAction } from "@/app/(studio)/[scopeKind]/[scope]/automations/actions";
import { requireAutomationsSection } from "@/app/(studio)/[scopeKind]/[scope]/automations/load-targets";

export const metadata: Metadata = { title: "New rule" };

export default async function NewAutomationPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope, ref } = await loadScopePage(await params);
  requireAutomationsSection(scope);
  const ws = scope.name;
  const header = (
    <PageHeader
      title="New rule"
      breadcrumbs={
        <Link href={pages.automations(ws)} className="hover:underline">
          Automations
        </Link>
      }
      subtitle={`In workspace ${scope.displayName}. The rule acts in your name: what it does, you may do.`}
    />
  );
  if (!roleAllows(scope.role, "write")) {
    return (
      <>
        {header}
        <Alert tone="warning">
          Your role in this workspace is {scope.role}; making automation rules needs contributor or owner.
        </Alert>
      </>
    );
  }
  const [pipelines, webhooks, members, experiments] = await Promise.all([
    listPipelines(actor, ws, { limit: 200 }),
    listWebhooks(actor, ref),
    listMembers(actor, ref),
    listExperiments(actor, ws),
  ]);
  return (
    <>
      {header}
      <RuleForm
        workspace={ws}
        experiments={experiments.map((e) => e.name)}
        targets={{
          pipelines: pipelines
            .map((p) => ({ id: p.id, name: p.name, versionCount: p.versionCount }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          webhooks: webhooks.items.map((w) => ({ id: w.id, url: w.url, description: w.description })),
          members: members.map((m) => ({ email: m.email, name: m.name })),
        }}
        save={createRuleAction.bind(null, ws)}
      />
    </>
  );
}
