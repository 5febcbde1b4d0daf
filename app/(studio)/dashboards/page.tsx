import type { Metadata } from "next";
import { formatDateTimeSeconds, parseInstant } from "@/lib/format";
import { requirePageActor } from "@/server/auth/session";
import { productionOverview } from "@/server/dashboards/production-overview";
import { Alert } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ButtonLink } from "@/components/ui/button";
import { ProductionTables } from "@/components/dashboards/production-table";
import { DashboardHeader } from "@/app/(studio)/dashboards/dashboard-header";

export const metadata: Metadata = { title: "Production" };

/** The production overview, now or at a past instant (`?at=`, UTC). */
export default async function DashboardsPage({ searchParams }: { searchParams: Promise<{ at?: string }> }) {
  const actor = await requirePageActor();
  const { at } = await searchParams;
  const instant = at ? parseInstant(at) : null;
  const overview = await productionOverview(actor, instant ? { at: instant.toISOString() } : {});
  return (
    <>
      <DashboardHeader current="production" />
      <form
        method="get"
        action="/dashboards"
        className="mb-4 flex flex-wrap items-end gap-2"
        aria-label="Show production at"
      >
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-muted">At (UTC)</span>
          <Input
            type="datetime-local"
            name="at"
            step={1}
            defaultValue={instant ? instant.toISOString().slice(0, 19) : ""}
          />
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
        {instant ? <ButtonLink href="/dashboards">Now</ButtonLink> : null}
      </form>
      {at && !instant ? <Alert title="Not a date">{`"${at}" is not a date and time; showing now.`}</Alert> : null}
      <p className="mb-3 text-xs text-muted">
        {instant
          ? `As it was at ${formatDateTimeSeconds(overview.at)}: traffic and models from the traffic history; drift is today's.`
          : "Now."}{" "}
        Requests, errors and p95 over the 24 hours before.
      </p>
      <ProductionTables overview={overview} />
    </>
  );
}
