import { PageHeader } from "@/components/ui/misc";
import { TabLinks } from "@/components/ui/tabs";

const TABS = [
  { id: "production", label: "Production", href: "/dashboards" },
  { id: "approvals", label: "Approvals", href: "/dashboards/approvals" },
  { id: "attention", label: "Needs attention", href: "/dashboards/attention" },
  { id: "audit", label: "Audit trail", href: "/activity" },
] as const;

/** The dashboards' shared title and tabs. */
export function DashboardHeader({ current }: { current: (typeof TABS)[number]["id"] }) {
  return (
    <>
      <PageHeader title="Dashboards" subtitle="What runs in production, what waits for a decision" />
      <div className="mb-4 overflow-x-auto">
        <TabLinks label="Dashboards" current={current} tabs={TABS.map((t) => ({ ...t }))} />
      </div>
    </>
  );
}
