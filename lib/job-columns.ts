// The jobs page's chosen columns, kept in the URL as `cols=params.lr,metrics.accuracy.max`: params, and
// metrics with their aggregate (last, min or max). Keys cannot hold commas (lib/schemas/jobs.ts).
import { formatJobSort, parseJobSort, type JobSortField, type MetricAggregate } from "@/lib/job-sort";

export type JobColumn = { kind: "param"; key: string } | { kind: "metric"; key: string; aggregate: MetricAggregate };
export const MAX_JOB_COLUMNS = 20;

export function parseJobColumns(text: string | null | undefined): JobColumn[] {
  const columns: JobColumn[] = [];
  for (const part of (text ?? "").split(",")) {
    const parsed = parseJobSort(part.trim() ? `${part.trim()}:asc` : "");
    if (!part.trim() || !parsed.ok || parsed.sort.field.kind === "attribute") continue;
    const column = parsed.sort.field as JobColumn;
    if (!columns.some((c) => columnId(c) === columnId(column))) columns.push(column);
    if (columns.length === MAX_JOB_COLUMNS) break;
  }
  return columns;
}

/** The column's id in the URL, also its sort key (without direction). */
export function columnId(column: JobColumn | JobSortField): string {
  return formatJobSort({ field: column, direction: "asc" }).replace(/:asc$/, "");
}

export function formatJobColumns(columns: JobColumn[]): string {
  return columns.map(columnId).join(",");
}

export function columnLabel(column: JobColumn): string {
  return column.kind === "param"
    ? column.key
    : column.aggregate === "last"
      ? column.key
      : `${column.key} (${column.aggregate})`;
}
