import { requirePageActor } from "@/server/auth/session";
import { promotionInbox } from "@/server/governance/promotions";
import { EmptyState } from "@/components/ui/misc";
import { PromotionTable } from "@/components/governance/promotion-table";
import { DashboardHeader } from "@/app/(studio)/dashboards/dashboard-header";

export const metadata = { title: "Approvals" };

/** The reviewer's inbox: requests waiting for my decision, and the ones I made. */
export default async function ApprovalsInboxPage() {
  const actor = await requirePageActor();
  const [forMe, mine] = await Promise.all([
    promotionInbox(actor, { for: "me" }),
    promotionInbox(actor, { for: "mine", limit: 20 }),
  ]);
  return (
    <>
      <DashboardHeader current="approvals" />
      <h2 className="mb-2 text-sm font-semibold">Waiting for you</h2>
      {forMe.length ? (
        <PromotionTable promotions={forMe} label="Waiting for you" showScope />
      ) : (
        <EmptyState title="Nothing waits for your decision">Requests you may approve appear here.</EmptyState>
      )}
      <h2 className="mb-2 mt-6 text-sm font-semibold">Your requests</h2>
      {mine.length ? (
        <PromotionTable promotions={mine} label="Your requests" showScope />
      ) : (
        <EmptyState title="You have made no request">
          Deploying or publishing under an approval policy makes one.
        </EmptyState>
      )}
    </>
  );
}
