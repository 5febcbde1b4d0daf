import Link from "next/link";
import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { RuleForm } from "@/components/automations/rule-form";
import { createRuleAction } from "@/app/(studio)/[scopeKind]/[scope]/automations/actions";
import {
  loadRuleFormChoices,
  requireAutomationsSection,
} from "@/app/(studio)/[scopeKind]/[scope]/automations/load-targets";

export const metadata: Metadata = { title: "New rule" };

export default async function NewAutomationPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope } = await loadScopePage(await params);
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
  const choices = await loadRuleFormChoices(actor, scope);
  return (
    <>
      {header}
      <RuleForm
        workspace={ws}
        experiments={choices.experiments}
        targets={choices.targets}
        save={createRuleAction.bind(null, ws)}
      />
    </>
  );
}
