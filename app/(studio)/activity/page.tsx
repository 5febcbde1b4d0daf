import Link from "next/link";
import { api } from "@/lib/routes";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { EVENT_ACTION_FILTERS } from "@/lib/event-labels";
import { requirePageActor } from "@/server/auth/session";
import { listEvents } from "@/server/events/list-events";
import { listScopes } from "@/server/scopes/list-scopes";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Alert, PageHeader } from "@/components/ui/misc";
import { EventTable } from "@/components/events/event-table";

export const metadata: Metadata = { title: "Activity" };

type Search = {
  scope?: string;
  action?: string;
  actor?: string;
  asset?: string;
  since?: string;
  until?: string;
  cursor?: string;
};

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor();
  const search = await searchParams;
  const scopes = await listScopes(actor);
  const query = Object.fromEntries(
    Object.entries(search).filter(([, v]) => typeof v === "string" && v !== ""),
  ) as Search;
  let result: Awaited<ReturnType<typeof listEvents>> | null = null;
  let error: string | null = null;
  try {
    result = await listEvents(actor, { ...query, limit: 50 });
  } catch (e) {
    if (!isAppError(e) && !(e instanceof Error && e.name === "ZodError")) throw e;
    error = e instanceof Error ? e.message : "The filters are not valid.";
  }
  const next = result?.nextCursor ? `/activity?${new URLSearchParams({ ...query, cursor: result.nextCursor })}` : null;
  return (
    <>
      <PageHeader
        title="Activity"
        subtitle="Who did what, when and why, in the workspaces and registries you belong to."
      />
      <form
        role="search"
        aria-label="Filter activity"
        method="get"
        action="/activity"
        className="mb-4 flex flex-wrap items-end gap-2"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="scope" className="text-xs font-medium text-muted">
            Where
          </label>
          <Select id="scope" name="scope" defaultValue={search.scope ?? ""} className="w-48">
            <option value="">Everywhere</option>
            {scopes.map((s) => (
              <option key={`${s.kind}/${s.name}`} value={`${s.kind}/${s.name}`}>
                {s.kind} {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="action" className="text-xs font-medium text-muted">
            What
          </label>
          <Select id="action" name="action" defaultValue={search.action ?? ""} className="w-48">
            <option value="">Everything</option>
            {EVENT_ACTION_FILTERS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="actor" className="text-xs font-medium text-muted">
            Who (e-mail starts with)
          </label>
          <Input id="actor" name="actor" defaultValue={search.actor ?? ""} className="w-52" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="asset" className="text-xs font-medium text-muted">
            About (kind:name)
          </label>
          <Input
            id="asset"
            name="asset"
            defaultValue={search.asset ?? ""}
            placeholder="model:iris-classifier"
            className="w-52"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="since" className="text-xs font-medium text-muted">
            From
          </label>
          <Input id="since" name="since" type="date" defaultValue={search.since ?? ""} className="w-40" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="until" className="text-xs font-medium text-muted">
            To
          </label>
          <Input id="until" name="until" type="date" defaultValue={search.until ?? ""} className="w-40" />
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        <Link href="/activity" className={buttonClass("ghost")}>
          Clear
        </Link>
        <a href={api.eventsCsv({ ...query, cursor: undefined })} className={buttonClass("secondary")} download>
          Export CSV
        </a>
      </form>
      {error ? <Alert title="The filters could not be applied">{error}</Alert> : null}
      {result ? <EventTable events={result.items} label="Activity" /> : null}
      {next ? (
        <div className="mt-3 flex justify-end">
          <Link className={buttonClass("secondary", "sm")} href={next}>
            Older events
          </Link>
        </div>
      ) : null}
    </>
  );
}
