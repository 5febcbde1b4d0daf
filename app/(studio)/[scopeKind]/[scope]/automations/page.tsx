import type { Metadata } from "next";
import { Plus } from "lucide-react";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { listRules } from "@/server/automations/manage-rules";
import { loadScopePage } from "@/server/http/pages";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/misc";
import { RuleTable } from "@/components/automations/rule-table";
import {
  loadTargetNames,
  requireAutomationsSection,
} from "@/app/(studio)/[scopeKind]/[scope]/automations/load-targets";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
  requireAutomationsSection(scope);
  const ws = scope.name;
  const { items } = await listRules(actor, ws);
  const names = await loadTargetNames(actor, scope, items);
  const canCreate = roleAllows(scope.role, "write");
  return (
    <>
      <PageHeader
        title="Automations"
        subtitle={`Workspace ${scope.displayName}: rules that act on the workspace's events — register a good model, re-run a failed job, submit a pipeline, notify people — in the name of whoever made them.`}
        actions={
          canCreate ? (
            <ButtonLink href={pages.newAutomation(ws)} variant="primary">
              <Plus size={14} aria-hidden /> New rule
            </ButtonLink>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title="No automation rules yet">
          <p>
            A rule says <em>when</em> an event happens (a job completes with a good metric, a model version is
            registered, a deployment fails…) <em>then</em> do something: register the model, re-run the job, submit a
            pipeline, set tags, notify people or call a webhook.
          </p>
          <p className="mt-1">
            {canCreate ? "Make one with New rule." : "Contributors and owners of this workspace make them."}
          </p>
        </EmptyState>
      ) : (
        <RuleTable workspace={ws} rules={items} names={names} />
      )}
    </>
  );
}
