import Link from "next/link";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { describeApprovers } from "@/lib/governance/approvers";
import { loadScopePage } from "@/server/http/pages";
import { getPolicy } from "@/server/governance/policy";
import { listPromotions } from "@/server/governance/promotions";
import { ButtonLink } from "@/components/ui/button";
import { Card, DetailRow, EmptyState, PageHeader } from "@/components/ui/misc";
import { TabLinks } from "@/components/ui/tabs";
import { PromotionTable } from "@/components/governance/promotion-table";

export const metadata = { title: "Approvals" };

export default async function PromotionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ state?: string }>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  const { state } = await searchParams;
  const showAll = state === "all";
  const [policy, promotions] = await Promise.all([
    getPolicy(actor, ref),
    listPromotions(actor, ref, showAll ? { limit: 200 } : { state: "pending", limit: 200 }),
  ]);
  const required = [
    policy.requireApproval.deploy && "deploying",
    policy.requireApproval.traffic && "changing traffic",
    policy.requireApproval.publish && "publishing here",
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle={`What changes in ${scope.kind} ${scope.displayName} need approval, and the requests`}
        actions={
          roleAllows(scope.role, "manage") ? <ButtonLink href={pages.policy(ref)}>Edit policy</ButtonLink> : null
        }
      />
      <Card title="Policy" className="mb-4">
        <dl>
          <DetailRow label="Needs approval">{required.length ? required.join(", ") : "nothing"}</DetailRow>
          <DetailRow label="Approvers">
            {describeApprovers(policy.approvers)}; {policy.minApprovals} approval{policy.minApprovals === 1 ? "" : "s"},
            never the requester&apos;s own
          </DetailRow>
          {scope.kind === "workspace" ? (
            <DetailRow label="Deployable models">
              {policy.registryAssetsOnly ? "registry model versions only" : "this workspace's and registries'"}
            </DetailRow>
          ) : null}
          <DetailRow label="Model card">
            {policy.requireModelCard ? "required before approval" : "not required"}
          </DetailRow>
        </dl>
      </Card>
      <div className="mb-3">
        <TabLinks
          label="Requests"
          current={showAll ? "all" : "pending"}
          tabs={[
            { id: "pending", label: "Pending", href: pages.promotions(ref) },
            { id: "all", label: "All", href: pages.promotions(ref, { state: "all" }) },
          ]}
        />
      </div>
      {promotions.length ? (
        <PromotionTable promotions={promotions} label="Promotion requests" />
      ) : (
        <EmptyState title={showAll ? "No requests yet" : "Nothing waits for a decision"}>
          {showAll ? (
            "Requests appear here when a change needs approval."
          ) : (
            <Link className="text-accent hover:underline" href={pages.promotions(ref, { state: "all" })}>
              See every request
            </Link>
          )}
        </EmptyState>
      )}
    </>
  );
}
