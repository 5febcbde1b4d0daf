import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { pages } from "@/lib/routes";
import { JOB_STATUSES } from "@/lib/schemas/jobs";
import { formatJobColumns, parseJobColumns } from "@/lib/job-columns";
import { loadScopePage } from "@/server/http/pages";
import { isWatching } from "@/server/notifications/notifications";
import { WatchButton } from "@/components/notifications/watch-button";
import { setWatchAction } from "@/app/(studio)/notifications/actions";
import { listJobs } from "@/server/jobs/list-jobs";
import { listExperiments } from "@/server/jobs/list-experiments";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Alert, PageHeader } from "@/components/ui/misc";
import { JobsTable } from "@/components/jobs/jobs-table";
import { RunExampleButton } from "@/components/jobs/run-example-button";
import { Plus } from "lucide-react";
import { roleAllows } from "@/lib/permissions";

export const metadata: Metadata = { title: "Jobs" };

type Search = {
  experiment?: string;
  status?: string;
  filter?: string;
  sort?: string;
  cursor?: string;
  limit?: string;
  cols?: string;
};
const PAGE_SIZES = [25, 50, 100, 200];

export default async function JobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<Search>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  if (scope.kind !== "workspace") notFound();
  const search = await searchParams;
  const experiments = await listExperiments(actor, scope.name);
  const limit = PAGE_SIZES.includes(Number(search.limit)) ? Number(search.limit) : 50;
  const status = (JOB_STATUSES as readonly string[]).includes(search.status ?? "") ? search.status : undefined;
  const columns = parseJobColumns(search.cols);

  // What the page asks the domain for is also what the live table polls through the API.
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({
    experiment: search.experiment,
    status,
    filter: search.filter,
    sort: search.sort,
    cursor: search.cursor,
    limit: String(limit),
  }))
    if (v) query.set(k, v);

  let page: Awaited<ReturnType<typeof listJobs>> | null = null;
  let filterError: string | null = null;
  let otherError: string | null = null;
  try {
    page = await listJobs(actor, scope.name, Object.fromEntries(query));
  } catch (e) {
    // A hand-edited URL may hold anything: say what is wrong instead of failing the page.
    if (e instanceof ZodError) {
      const issue = e.issues[0];
      if (issue?.path[0] === "filter") filterError = issue.message;
      else otherError = `${issue?.path.join(".") || "query"}: ${issue?.message ?? "not valid"}`;
    } else if (isAppError(e) && e.code === "invalid") {
      const field = (e.details as { field?: string } | undefined)?.field;
      if (field === "filter") filterError = e.message.replace(/^Filter: /, "");
      else otherError = e.message;
    } else throw e;
  }
  const base = pages.jobs(ref.name);
  const isFiltered = Boolean(search.experiment || status || search.filter);

  return (
    <>
      <PageHeader
        title="Jobs"
        subtitle={`Workspace ${scope.displayName} · ${search.experiment ? `experiment ${search.experiment}` : "all experiments"}`}
        actions={
          <div className="flex flex-wrap gap-2">
            {/* An experiment chosen: its jobs' events can come as notifications. */}
            {search.experiment && experiments.some((e) => e.name === search.experiment) ? (
              <WatchButton
                scope={ref}
                subjectType="experiment"
                name={search.experiment}
                label={`experiment ${search.experiment}`}
                isWatching={await isWatching(actor, scope.id, "experiment", search.experiment)}
                setWatch={setWatchAction}
              />
            ) : null}
            {roleAllows(scope.role, "write") ? (
              <>
                <RunExampleButton workspace={scope.name} />
                <ButtonLink href={pages.newJob(ref.name)} variant="primary">
                  <Plus size={14} aria-hidden /> Submit job
                </ButtonLink>
              </>
            ) : null}
          </div>
        }
      />
      <form
        role="search"
        aria-label="Filter jobs"
        method="get"
        action={base}
        className="mb-4 flex flex-wrap items-end gap-2"
      >
        {search.sort ? <input type="hidden" name="sort" value={search.sort} /> : null}
        {columns.length ? <input type="hidden" name="cols" value={formatJobColumns(columns)} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="experiment" className="text-xs font-medium text-muted">
            Experiment
          </label>
          <Select id="experiment" name="experiment" defaultValue={search.experiment ?? ""} className="w-44">
            <option value="">All experiments</option>
            {experiments.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name} ({e.jobCount})
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="status" className="text-xs font-medium text-muted">
            Status
          </label>
          <Select id="status" name="status" defaultValue={status ?? ""} className="w-36">
            <option value="">Any status</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="filter" className="text-xs font-medium text-muted">
            Filter
          </label>
          <Input
            id="filter"
            name="filter"
            defaultValue={search.filter ?? ""}
            placeholder="e.g. metrics.accuracy > 0.9 and params.lr = 0.01"
            aria-describedby={filterError ? "filter-error filter-help" : "filter-help"}
            aria-invalid={filterError ? true : undefined}
            className="font-mono"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="limit" className="text-xs font-medium text-muted">
            Page size
          </label>
          <Select id="limit" name="limit" defaultValue={String(limit)} className="w-24">
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Apply
        </button>
        {isFiltered ? (
          <Link href={base} className={buttonClass("ghost")}>
            Clear
          </Link>
        ) : null}
      </form>
      <div className="-mt-2 mb-4 space-y-1">
        {filterError ? (
          <p id="filter-error" className="text-sm text-danger">
            <span className="font-medium">The filter could not be read:</span> {filterError}
          </p>
        ) : null}
        <p id="filter-help" className="break-words text-xs text-muted [&_code]:break-all">
          <code>metrics.&lt;name&gt;</code> (last value; <code>min(…)</code>, <code>max(…)</code>),{" "}
          <code>params.&lt;name&gt;</code>, <code>tags.&lt;name&gt;</code>,{" "}
          <code>attributes.status|experiment|display_name|created_by|compute</code>; operators{" "}
          <code>= != &gt; &gt;= &lt; &lt;= LIKE</code>; conditions joined by <code>and</code>.
        </p>
      </div>
      {otherError ? <Alert title="The list could not be shown">{otherError}</Alert> : null}
      {page ? (
        <JobsTable
          workspace={scope.name}
          apiQuery={query.toString()}
          initialPage={page}
          columns={columns}
          sort={search.sort ?? ""}
          hasPrevious={Boolean(search.cursor)}
          isFiltered={isFiltered}
          renderedAt={Date.now()}
        />
      ) : null}
    </>
  );
}
