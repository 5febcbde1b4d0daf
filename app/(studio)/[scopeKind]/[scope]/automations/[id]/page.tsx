import Link from "next/link";
import type { Metadata } from "next";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import { getRule, listFirings } from "@/server/automations/manage-rules";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { Alert, Card, EmptyState, PageHeader } from "@/components/ui/misc";
import { describeTrigger } from "@/components/automations/describe-rule";
import { FiringTable } from "@/components/automations/firing-table";
import { RefreshWhileFiring } from "@/components/automations/firings-live";
import { RuleActions } from "@/components/automations/rule-actions";
import { RuleDetails } from "@/components/automations/rule-details";
import { deleteRuleAction, setRuleEnabledAction } from "@/app/(studio)/[scopeKind]/[scope]/automations/actions";
import {
  loadTargetNames,
  requireAutomationsSection,
} from "@/app/(studio)/[scopeKind]/[scope]/automations/load-targets";

export const metadata: Metadata = { title: "Automation rule" };

type Params = { scopeKind: string; scope: string; id: string };

const FIRINGS_SHOWN = 100;

export default async function AutomationPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const { actor, scope } = await loadScopePage(p);
  requireAutomationsSection(scope);
  const ws = scope.name;
  const id = safeDecode(p.id);
  const rule = await orNotFound(getRule(actor, ws, id));
  const [{ items: firings }, names] = await Promise.all([
    listFirings(actor, ws, rule.id, { limit: FIRINGS_SHOWN }),
    loadTargetNames(actor, scope, [rule]),
  ]);
  const isLive = firings.some((f) => f.status === "pending" || f.status === "running");
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.automations(ws)} className="hover:underline">
            Automations
          </Link>
        }
        title={<span className="break-words">{rule.name}</span>}
        subtitle={rule.description || `Made by ${rule.createdBy} on ${formatDateTime(rule.createdAt)}`}
      />
      <div className="flex flex-col gap-6">
        {!rule.isEnabled ? (
          <Alert tone="warning" title="This rule is disabled">
            It does not act on events until it is enabled again.
          </Alert>
        ) : null}
        {rule.canManage ? (
          <RuleActions
            workspace={ws}
            isEnabled={rule.isEnabled}
            editHref={pages.editAutomation(ws, rule.id)}
            actions={{
              setEnabled: setRuleEnabledAction.bind(null, ws, rule.id),
              remove: deleteRuleAction.bind(null, ws, rule.id),
            }}
          />
        ) : (
          <p className="text-sm text-muted">
            Only {rule.createdBy}, who made this rule, or an owner of the workspace may change it. It acts in{" "}
            {rule.createdBy}&apos;s name.
          </p>
        )}
        <RuleDetails workspace={ws} rule={rule} names={names} />
        <Card title="Firings">
          {firings.length === 0 ? (
            <EmptyState title="This rule has never been set off">
              {describeTrigger(rule.trigger)}, it fires, and each time it does the event and what its actions did show
              here.
            </EmptyState>
          ) : (
            <>
              <RefreshWhileFiring isLive={isLive} />
              <FiringTable firings={firings} />
              {firings.length === FIRINGS_SHOWN ? (
                <p className="mt-2 text-xs text-muted">The last {FIRINGS_SHOWN} firings are shown.</p>
              ) : null}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
