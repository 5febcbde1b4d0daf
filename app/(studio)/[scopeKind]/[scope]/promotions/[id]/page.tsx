import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { pages } from "@/lib/routes";
import { describeApprovers } from "@/lib/governance/approvers";
import { formatMetricValue } from "@/lib/metric-chart";
import type { ModelCardDto } from "@/lib/schemas/model-cards";
import type { MonitorOutcome } from "@/lib/schemas/monitors";
import { loadScopePage, orNotFound, safeDecode } from "@/server/http/pages";
import { getPromotion } from "@/server/governance/promotions";
import { lineageAsSeen, membershipsOf } from "@/server/scopes/visibility";
import { Alert, Card, DetailRow, PageHeader } from "@/components/ui/misc";
import { LineageRows } from "@/components/lineage/lineage-card";
import { ModelCardView } from "@/components/model-cards/model-card-view";
import { OutcomeBadge } from "@/components/monitors/outcome-badge";
import { DecisionPanel } from "@/components/governance/decision-panel";
import { PromotionState } from "@/components/governance/promotion-table";
import { decidePromotionAction } from "@/app/(studio)/[scopeKind]/[scope]/promotions/actions";

export const metadata = { title: "Promotion request" };

type Evidence = {
  takenAt?: string;
  lineage?: unknown;
  card?: ModelCardDto | { unavailable: string };
  monitors?:
    { name: string; deployment: string; outcome: MonitorOutcome | null; at: string | null }[] | { unavailable: string };
  comparison?:
    { pairedRequests: number; agreement: number | null; mae: number | null } | { unavailable: string } | null;
};

const isAvailable = <T,>(v: T | { unavailable: string } | undefined | null): v is T =>
  v !== undefined && v !== null && !(typeof v === "object" && "unavailable" in (v as object));

export default async function PromotionPage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; id: string }>;
}) {
  const p = await params;
  const { actor, ref } = await loadScopePage(p);
  const promotion = await orNotFound(getPromotion(actor, ref, safeDecode(p.id)));
  const members = await membershipsOf(actor);
  const evidence = promotion.evidence as Evidence;
  const model = promotion.model;
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.promotions(ref)} className="hover:underline">
            Approvals
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            #{promotion.number} {promotion.summary} <PromotionState promotion={promotion} />
          </span>
        }
        subtitle={`Requested by ${promotion.requestedBy} on ${formatDateTime(promotion.createdAt)}`}
      />
      {promotion.applyError ? (
        <Alert title="Approved, but it could not be applied">{promotion.applyError}</Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Request">
          <dl>
            <DetailRow label="Why">{promotion.reason}</DetailRow>
            <DetailRow label="Change">{promotion.summary}</DetailRow>
            {model ? (
              <DetailRow label="Model version">
                {members.has(model.scope.kind, model.scope.name) ? (
                  <Link
                    className="text-accent hover:underline"
                    href={pages.assetVersion(model.scope, "models", model.name, model.version)}
                  >
                    {model.scope.kind} {model.scope.name} / {model.name}:{model.version}
                  </Link>
                ) : (
                  `${model.scope.kind} ${model.scope.name} / ${model.name}:${model.version}`
                )}
              </DetailRow>
            ) : null}
            <DetailRow label="Approvers">
              {describeApprovers(promotion.policy.approvers)}: {promotion.approvals} of {promotion.policy.minApprovals}
            </DetailRow>
            {promotion.appliedAt ? (
              <DetailRow label="Applied">
                {formatDateTime(promotion.appliedAt)}: {promotion.result}
              </DetailRow>
            ) : null}
          </dl>
          {promotion.decisions.length ? (
            <ol aria-label="Decisions" className="mt-3 flex flex-col gap-1 border-t border-border pt-3 text-sm">
              {promotion.decisions.map((d) => (
                <li key={`${d.user}-${d.at}`}>
                  <span className="font-medium">{d.user}</span>{" "}
                  {d.decision === "approve" ? "approved" : d.decision === "reject" ? "rejected" : "canceled"}{" "}
                  <span className="text-xs text-muted">{formatDateTime(d.at)}</span>
                  {d.comment ? <div className="text-muted">“{d.comment}”</div> : null}
                </li>
              ))}
            </ol>
          ) : null}
        </Card>
        <Card title="Decide">
          {promotion.canApprove || promotion.canCancel ? (
            <DecisionPanel
              canApprove={promotion.canApprove}
              canCancel={promotion.canCancel}
              decide={decidePromotionAction.bind(null, ref, promotion.id)}
            />
          ) : (
            <p className="text-sm text-muted">
              {promotion.state === "pending"
                ? `Waiting for ${describeApprovers(promotion.policy.approvers)}; you cannot decide this request.`
                : `This request was ${promotion.state}${promotion.decidedAt ? ` on ${formatDateTime(promotion.decidedAt)}` : ""}; it never changes again.`}
            </p>
          )}
        </Card>
      </div>
      <h2 className="mb-2 mt-6 text-sm font-semibold">
        Evidence{evidence.takenAt ? `, taken ${formatDateTime(evidence.takenAt)}` : ""}
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {evidence.lineage ? (
          <Card title="Lineage">
            <dl>
              <LineageRows lineage={lineageAsSeen(JSON.stringify(evidence.lineage), members)} />
            </dl>
          </Card>
        ) : null}
        {isAvailable(evidence.card) ? (
          <Card title="Model card">
            <ModelCardView card={evidence.card} />
          </Card>
        ) : null}
        {isAvailable(evidence.monitors) ? (
          <Card title="Monitors">
            {evidence.monitors.length ? (
              <ul className="text-sm">
                {evidence.monitors.map((m) => (
                  <li key={m.name}>
                    {m.name} <span className="text-muted">on {m.deployment}</span> <OutcomeBadge outcome={m.outcome} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-muted">No monitor watches this endpoint.</p>
            )}
          </Card>
        ) : null}
        {isAvailable(evidence.comparison) ? (
          <Card title="Challenger comparison (last day)">
            <dl>
              <DetailRow label="Paired requests">{evidence.comparison.pairedRequests}</DetailRow>
              <DetailRow label="Agreement">
                {evidence.comparison.agreement === null
                  ? "—"
                  : `${formatMetricValue(evidence.comparison.agreement * 100)}%`}
              </DetailRow>
              {evidence.comparison.mae !== null ? (
                <DetailRow label="MAE">{formatMetricValue(evidence.comparison.mae)}</DetailRow>
              ) : null}
            </dl>
          </Card>
        ) : null}
        <Card title="Action as it will be applied">
          <pre className="overflow-x-auto text-xs">{JSON.stringify(promotion.action, null, 2)}</pre>
        </Card>
      </div>
    </>
  );
}
