"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, X } from "lucide-react";
import { useMemo, useState } from "react";
import type { JobDto } from "@/lib/schemas/dto";
import { MAX_COMPARE_JOBS, MIN_COMPARE_JOBS } from "@/lib/schemas/jobs";
import { parseJobSort, type JobSortField } from "@/lib/job-sort";
import { columnId, columnLabel, formatJobColumns, MAX_JOB_COLUMNS, type JobColumn } from "@/lib/job-columns";
import { formatJobDuration, isLiveStatus } from "@/lib/job-display";
import { formatMetricValue } from "@/lib/metric-chart";
import { formatDateTime } from "@/lib/format";
import { LIVE_POLL_MS, queryKeys } from "@/lib/query-keys";
import { api, pages } from "@/lib/routes";
import { apiGet } from "@/components/ui/api-request";
import { Button, buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { useNow } from "@/components/ui/use-now";

type Page = { items: JobDto[]; nextCursor: string | null };

// On a screen from 640 px, the selection, status and name stay in place while the table scrolls sideways
// (sticky columns of fixed width; the name truncates); the columns the user added come right after them.
const STICKY = {
  select: "sm:sticky sm:left-0 sm:z-10 w-10 min-w-10 max-w-10",
  status: "sm:sticky sm:left-10 sm:z-10 w-32 min-w-32 max-w-32",
  name: "sm:sticky sm:left-42 sm:z-10 w-56 min-w-56 max-w-56 sm:shadow-[1px_0_0_var(--border)]",
};
const LEADING_COLUMNS: { field: JobSortField; label: string; className: string }[] = [
  { field: { kind: "attribute", key: "status" }, label: "Status", className: STICKY.status },
  { field: { kind: "attribute", key: "name" }, label: "Display name", className: STICKY.name },
];
const TRAILING_COLUMNS: { field: JobSortField; label: string; className?: string }[] = [
  { field: { kind: "attribute", key: "experiment" }, label: "Experiment" },
  { field: { kind: "attribute", key: "created" }, label: "Created" },
  { field: { kind: "attribute", key: "duration" }, label: "Duration" },
  { field: { kind: "attribute", key: "created_by" }, label: "Created by" },
  { field: { kind: "attribute", key: "compute" }, label: "Compute" },
];

const fetchJobs = (workspace: string, query: string) => apiGet<Page>(api.jobs(workspace, query));

function cellValue(job: JobDto, column: JobColumn): string {
  if (column.kind === "param") return job.params[column.key] ?? "";
  const metric = job.metrics.find((m) => m.key === column.key);
  return metric ? formatMetricValue(metric[column.aggregate]) : "";
}

/**
 * The jobs list. The server renders the first answer; while any listed job is queued or running the
 * same query is polled through the API, so statuses and metrics change without a reload.
 */
export function JobsTable({
  workspace,
  apiQuery,
  initialPage,
  columns,
  sort,
  hasPrevious,
  isFiltered,
  renderedAt,
}: {
  workspace: string;
  apiQuery: string;
  initialPage: Page;
  columns: JobColumn[];
  sort: string;
  hasPrevious: boolean;
  isFiltered: boolean;
  /** The server's clock when it rendered: running durations start from it, so hydration matches. */
  renderedAt: number;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data: page } = useQuery({
    queryKey: queryKeys.jobs.list(workspace, apiQuery),
    queryFn: () => fetchJobs(workspace, apiQuery),
    initialData: initialPage,
    refetchInterval: (q) => (q.state.data?.items.some((j) => isLiveStatus(j.status)) ? LIVE_POLL_MS : false),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const parsedSort = parseJobSort(sort);
  const current = parsedSort.ok ? parsedSort.sort : null;
  const now = useNow({ initial: renderedAt, isTicking: page.items.some((j) => isLiveStatus(j.status)) });

  const href = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") params.delete(k);
      else params.set(k, v);
    }
    const s = params.toString();
    return s ? `${pathname}?${s}` : pathname;
  };

  // Keys that occur in the listed jobs, for the column picker.
  const available = useMemo(() => {
    const params = new Set<string>();
    const metrics = new Set<string>();
    for (const job of page.items) {
      Object.keys(job.params).forEach((k) => params.add(k));
      job.metrics.forEach((m) => metrics.add(m.key));
    }
    const options: JobColumn[] = [
      ...[...params].sort().map((key) => ({ kind: "param" as const, key })),
      ...[...metrics]
        .sort()
        .flatMap((key) =>
          (["last", "min", "max"] as const).map((aggregate) => ({ kind: "metric" as const, key, aggregate })),
        ),
    ];
    return options.filter((o) => !columns.some((c) => columnId(c) === columnId(o)));
  }, [page.items, columns]);

  const setColumns = (next: JobColumn[]) => router.push(href({ cols: formatJobColumns(next) || null }));

  // A render helper rather than a component: a component declared here would remount on every poll.
  function sortHeader(field: JobSortField, label: string, className?: string) {
    const id = columnId(field);
    const isCurrent = current !== null && columnId(current.field) === id;
    const direction = isCurrent ? current!.direction : null;
    // First click: the key's natural direction (text ascending, numbers and times descending); then flip.
    const natural = parseJobSort(id);
    const next = isCurrent ? (direction === "asc" ? "desc" : "asc") : natural.ok ? natural.sort.direction : "asc";
    const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
    return (
      <Th
        key={id}
        aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
        className={cn("whitespace-nowrap", className)}
      >
        <Link
          href={href({ sort: `${id}:${next}`, cursor: null })}
          className="inline-flex items-center gap-1 hover:text-text"
          aria-label={`Sort by ${label}${isCurrent ? `, now ${direction === "asc" ? "ascending" : "descending"}` : ""}`}
        >
          {label}
          <Icon aria-hidden className={isCurrent ? "size-3.5 text-accent" : "size-3.5 opacity-40"} />
        </Link>
      </Th>
    );
  }

  const toggle = (name: string) => setSelected((s) => (s.includes(name) ? s.filter((n) => n !== name) : [...s, name]));
  const canCompare = selected.length >= MIN_COMPARE_JOBS && selected.length <= MAX_COMPARE_JOBS;

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={!canCompare}
          onClick={() => router.push(pages.compareJobs(workspace, selected))}
          title={canCompare ? undefined : `Select ${MIN_COMPARE_JOBS} to ${MAX_COMPARE_JOBS} jobs to compare them`}
        >
          Compare{selected.length ? ` (${selected.length})` : ""}
        </Button>
        {selected.length ? (
          <Button size="sm" variant="ghost" onClick={() => setSelected([])}>
            Clear selection
          </Button>
        ) : null}
        <span className="mx-1 h-5 w-px bg-border" aria-hidden />
        <label htmlFor="add-column" className="text-sm text-muted">
          Add column
        </label>
        <Select
          id="add-column"
          className="h-8 w-60!"
          value=""
          disabled={available.length === 0 || columns.length >= MAX_JOB_COLUMNS}
          onChange={(e) => {
            const option = available.find((o) => columnId(o) === e.target.value);
            if (option) setColumns([...columns, option]);
          }}
        >
          <option value="">{available.length ? "Choose a param or metric…" : "No more params or metrics"}</option>
          {available.some((o) => o.kind === "param") ? (
            <optgroup label="Params">
              {available
                .filter((o) => o.kind === "param")
                .map((o) => (
                  <option key={columnId(o)} value={columnId(o)}>
                    {columnLabel(o)}
                  </option>
                ))}
            </optgroup>
          ) : null}
          {available.some((o) => o.kind === "metric") ? (
            <optgroup label="Metrics">
              {available
                .filter((o) => o.kind === "metric")
                .map((o) => (
                  <option key={columnId(o)} value={columnId(o)}>
                    {columnLabel(o)}
                  </option>
                ))}
            </optgroup>
          ) : null}
        </Select>
        {columns.map((c) => (
          <span
            key={columnId(c)}
            className="inline-flex items-center gap-1 rounded border border-border bg-surface-2 py-0.5 pl-2 pr-1 text-xs"
          >
            <span className="text-muted">{c.kind === "param" ? "param" : "metric"}</span> {columnLabel(c)}
            <button
              type="button"
              className="rounded p-0.5 hover:bg-surface"
              aria-label={`Remove column ${columnLabel(c)}`}
              onClick={() => setColumns(columns.filter((x) => columnId(x) !== columnId(c)))}
            >
              <X aria-hidden className="size-3" />
            </button>
          </span>
        ))}
      </div>
      {page.items.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No job matches these filters">Change the filters or clear them.</EmptyState>
        ) : (
          <EmptyState title="No jobs yet">
            Jobs appear here when a script logs one through the API, or when one is submitted.
          </EmptyState>
        )
      ) : (
        <>
          <Table aria-label="Jobs">
            <thead>
              <tr>
                <Th className={STICKY.select}>
                  <span className="sr-only">Select</span>
                </Th>
                {LEADING_COLUMNS.map((c) => sortHeader(c.field, c.label, c.className))}
                {columns.map((c) => sortHeader(c, columnLabel(c)))}
                {TRAILING_COLUMNS.map((c) => sortHeader(c.field, c.label, c.className))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((job) => (
                <Tr key={job.name}>
                  <Td className={cn(STICKY.select, "bg-surface")}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${job.displayName}`}
                      checked={selected.includes(job.name)}
                      onChange={() => toggle(job.name)}
                    />
                  </Td>
                  <Td className={cn(STICKY.status, "bg-surface")}>
                    <JobStatusBadge status={job.status} />
                  </Td>
                  <Td className={cn(STICKY.name, "bg-surface truncate font-medium")} title={job.displayName}>
                    <Link href={pages.job(workspace, job.name)} className="text-accent hover:underline">
                      {job.displayName}
                    </Link>
                  </Td>
                  {columns.map((c) => (
                    <Td
                      key={columnId(c)}
                      className={c.kind === "metric" ? "text-right font-mono tabular-nums" : "font-mono"}
                    >
                      {cellValue(job, c)}
                    </Td>
                  ))}
                  <Td>
                    <Link href={href({ experiment: job.experiment, cursor: null })} className="hover:underline">
                      {job.experiment}
                    </Link>
                  </Td>
                  <Td className="whitespace-nowrap text-muted">{formatDateTime(job.createdAt)}</Td>
                  <Td className="whitespace-nowrap tabular-nums">{formatJobDuration(job, now)}</Td>
                  <Td className="text-muted">{job.createdBy}</Td>
                  <Td className="text-muted">{job.compute}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
            <span className="text-muted">
              {page.items.length} job{page.items.length === 1 ? "" : "s"} on this page
            </span>
            <span className="flex gap-2">
              {hasPrevious ? (
                <Link className={buttonClass("secondary", "sm")} href={href({ cursor: null })}>
                  First page
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link className={buttonClass("secondary", "sm")} href={href({ cursor: page.nextCursor })}>
                  Next page
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
