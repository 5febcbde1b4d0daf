import Link from "next/link";
import type { Metadata } from "next";
import { pages } from "@/lib/routes";
import { getRule } from "@/server/automations/manage-rules";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { RuleForm } from "@/components/automations/rule-form";
import { ruleToDraft } from "@/components/automations/rule-draft";
import { updateRuleAction } from "@/app/(studio)/[scopeKind]/[scope]/automations/actions";
import {
  loadRuleFormChoices,
  requireAutomationsSection,
} from "@/app/(studio)/[scopeKind]/[scope]/automations/load-targets";

export const metadata: Metadata = { title: "Edit rule" };

type Params = { scopeKind: string; scope: string; id: string };

export default async function EditAutomationPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  requireAutomationsSection(scope);
  const ws = scope.name;
  const rule = await orNotFound(getRule(actor, ws, safeDecode(p.id)));
  const header = (
    <PageHeader
      title="Edit rule"
      breadcrumbs={
        <>
          <Link href={pages.automations(ws)} className="hover:underline">
            Automations
          </Link>{" "}
          /{" "}
          <Link href={pages.automation(ws, rule.id)} className="hover:underline">
            {rule.name}
          </Link>
        </>
      }
      subtitle={`In workspace ${scope.displayName}. The rule acts in the name of ${rule.createdBy}, who made it.`}
    />
  );
  if (!rule.canManage) {
    return (
      <>
        {header}
        <Alert tone="warning">
          Only {rule.createdBy}, who made this rule, or an owner of the workspace may change it.{" "}
          <Link href={pages.automation(ws, rule.id)} className="underline">
            Back to the rule
          </Link>
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
        initial={ruleToDraft(rule)}
        submitLabel="Save changes"
        save={updateRuleAction.bind(null, ws, rule.id)}
      />
    </>
  );
}
