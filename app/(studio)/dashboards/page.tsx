import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth/session";
import { EmptyState, PageHeader } from "@/components/ui/misc";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  await requirePageActor();
  return (
    <>
      <PageHeader title="Dashboards" />
      <EmptyState title="Dashboards are not built yet">
        Reviewers will see here what runs in production and why: deployments per workspace, traffic, drift and health
        alerts.
      </EmptyState>
    </>
  );
}
