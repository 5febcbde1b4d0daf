import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { RuleDto } from "@/lib/schemas/automations";
import { Card, DetailRow, TagChip } from "@/components/ui/misc";
import {
  ACTION_LABELS,
  describeAction,
  describeCooldown,
  describeTrigger,
  type RuleTargetNames,
} from "@/components/automations/describe-rule";
import { RuleEnabledBadge } from "@/components/automations/rule-table";

const orAny = (value: string | null, none = "any") =>
  value ? <span className="font-mono text-xs">{value}</span> : <span className="text-muted">{none}</span>;

/** The rule's trigger and settings, and its actions in order, in words. */
export function RuleDetails({ workspace, rule, names }: { workspace: string; rule: RuleDto; names: RuleTargetNames }) {
  const t = rule.trigger;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="When">
        <p className="mb-3 text-sm font-medium">{describeTrigger(t)}</p>
        <dl className="text-sm">
          <DetailRow label="Events">
            <span className="font-mono text-xs">{t.eventTypes.join(", ")}</span>
          </DetailRow>
          <DetailRow label="Subject">{orAny(t.subjectPattern)}</DetailRow>
          <DetailRow label="Model tags">{orAny(t.tags)}</DetailRow>
          <DetailRow label="Experiment">{orAny(t.experiment)}</DetailRow>
          <DetailRow label="Status">{orAny(t.status)}</DetailRow>
          <DetailRow label="Condition">{orAny(t.condition, "none")}</DetailRow>
          <DetailRow label="Cooldown">{describeCooldown(rule.cooldownSeconds)}</DetailRow>
          <DetailRow label="State">
            <RuleEnabledBadge isEnabled={rule.isEnabled} />
          </DetailRow>
          <DetailRow label="Made by">
            {rule.createdBy} on {formatDateTime(rule.createdAt)}
          </DetailRow>
          <DetailRow label="Last fired">
            {rule.lastFiredAt ? formatDateTime(rule.lastFiredAt) : <span className="text-muted">never</span>}
          </DetailRow>
        </dl>
      </Card>
      <Card title="Then">
        <ol className="flex flex-col gap-3 text-sm">
          {rule.actions.map((action, i) => (
            <li key={i} className="flex min-w-0 flex-col gap-1 border-b border-border pb-3 last:border-b-0 last:pb-0">
              <p className="text-xs font-semibold uppercase tracking-wide text-muted">
                {i + 1}. {ACTION_LABELS[action.type]}
              </p>
              <p className="break-words">
                {describeAction(action, {
                  names,
                  author: rule.createdBy,
                  // A registration's tags show as chips below.
                  isShort: action.type === "register_model",
                })}
              </p>
              {action.type === "register_model" && action.description ? (
                <p className="break-words text-muted">Version description: {action.description}</p>
              ) : null}
              {action.type === "register_model" ? (
                Object.keys(action.tags).length ? (
                  <div className="flex flex-wrap gap-1">
                    {Object.entries(action.tags).map(([k, v]) => (
                      <TagChip key={k} name={k} value={v} />
                    ))}
                  </div>
                ) : null
              ) : null}
              {action.type === "submit_pipeline" ? (
                <>
                  {Object.keys(action.inputs).length ? (
                    <ul className="font-mono text-xs">
                      {Object.entries(action.inputs).map(([k, v]) => (
                        <li key={k} className="break-all">
                          {k} = {typeof v === "string" ? v : `data ${v.data}`}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {names.pipelines[action.pipeline] ? (
                    <Link href={pages.pipeline(workspace, action.pipeline)} className="text-accent hover:underline">
                      Open the pipeline
                    </Link>
                  ) : null}
                </>
              ) : null}
              {action.type === "call_webhook" && names.webhooks[action.webhook] ? (
                <Link
                  href={pages.webhook({ kind: "workspace", name: workspace }, action.webhook)}
                  className="text-accent hover:underline"
                >
                  Open the webhook
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
