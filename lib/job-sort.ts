// The jobs list's sort key, one string so it fits in a URL and an API query:
//   created:desc (the default)   name, status, experiment, created_by, compute, duration, created
//   params.lr:asc                a param's value, compared as text (as MLflow does)
//   metrics.accuracy:desc        a metric's last value; metrics.loss.min and metrics.loss.max for the others
// The direction after the last ":" is optional (asc for text, desc for created, metrics and duration).
// A metric whose own name ends in .last/.min/.max is written with its aggregate: metrics.f.max.last.
// Jobs that lack the param or metric (and unfinished jobs for duration) always come last.

export const JOB_SORT_ATTRIBUTES = [
  "created",
  "name",
  "status",
  "experiment",
  "created_by",
  "compute",
  "duration",
] as const;
export type JobSortAttribute = (typeof JOB_SORT_ATTRIBUTES)[number];
export type MetricAggregate = "last" | "min" | "max";
export type SortDirection = "asc" | "desc";

export type JobSortField =
  | { kind: "attribute"; key: JobSortAttribute }
  | { kind: "param"; key: string }
  | { kind: "metric"; key: string; aggregate: MetricAggregate };

export type JobSort = { field: JobSortField; direction: SortDirection };
export type JobSortResult = { ok: true; sort: JobSort } | { ok: false; message: string };

export const DEFAULT_JOB_SORT: JobSort = { field: { kind: "attribute", key: "created" }, direction: "desc" };
const MAX_SORT_LENGTH = 300;

/** Whether the sort compares numbers (metrics, duration), instants (created) or text (the rest). */
export function sortValueType(field: JobSortField): "number" | "time" | "text" {
  if (field.kind === "metric") return "number";
  if (field.kind === "attribute" && field.key === "duration") return "number";
  if (field.kind === "attribute" && field.key === "created") return "time";
  return "text";
}

function defaultDirection(field: JobSortField): SortDirection {
  return sortValueType(field) === "text" ? "asc" : "desc";
}

export function parseJobSort(input: string | null | undefined): JobSortResult {
  const text = (input ?? "").trim();
  if (text === "") return { ok: true, sort: DEFAULT_JOB_SORT };
  if (text.length > MAX_SORT_LENGTH)
    return { ok: false, message: `The sort is longer than ${MAX_SORT_LENGTH} characters.` };
  let body = text;
  let direction: SortDirection | null = null;
  const colon = text.lastIndexOf(":");
  if (colon !== -1 && /^(asc|desc)$/i.test(text.slice(colon + 1))) {
    direction = text.slice(colon + 1).toLowerCase() as SortDirection;
    body = text.slice(0, colon);
  } else if (colon !== -1 && !/^(params?|metrics?)\./i.test(text)) {
    return { ok: false, message: `Unknown sort direction "${text.slice(colon + 1)}"; use asc or desc.` };
  }
  let field: JobSortField;
  const dot = body.indexOf(".");
  const kind = dot === -1 ? "" : body.slice(0, dot).toLowerCase();
  if (kind === "params" || kind === "param") {
    const key = body.slice(dot + 1);
    if (!key) return { ok: false, message: `Expected a param name after "${body}".` };
    field = { kind: "param", key };
  } else if (kind === "metrics" || kind === "metric") {
    let key = body.slice(dot + 1);
    let aggregate: MetricAggregate = "last";
    const match = /\.(last|min|max)$/i.exec(key);
    if (match) {
      aggregate = match[1].toLowerCase() as MetricAggregate;
      key = key.slice(0, -match[0].length);
    }
    if (!key) return { ok: false, message: `Expected a metric name after "${body}".` };
    field = { kind: "metric", key, aggregate };
  } else {
    const attribute = body.toLowerCase().replace(/^attributes?\./, "");
    if (!(JOB_SORT_ATTRIBUTES as readonly string[]).includes(attribute)) {
      return {
        ok: false,
        message: `Cannot sort by "${body}"; use ${JOB_SORT_ATTRIBUTES.join(", ")}, params.<name> or metrics.<name>[.last|.min|.max].`,
      };
    }
    field = { kind: "attribute", key: attribute as JobSortAttribute };
  }
  return { ok: true, sort: { field, direction: direction ?? defaultDirection(field) } };
}

/** The canonical text of a sort (what parseJobSort reads back); the aggregate is omitted when it is "last". */
export function formatJobSort(sort: JobSort): string {
  const { field } = sort;
  const body =
    field.kind === "attribute"
      ? field.key
      : field.kind === "param"
        ? `params.${field.key}`
        : `metrics.${field.key}${field.aggregate === "last" && !/\.(last|min|max)$/i.test(field.key) ? "" : `.${field.aggregate}`}`;
  return `${body}:${sort.direction}`;
}

export function isSameSortField(a: JobSortField, b: JobSortField): boolean {
  return (
    a.kind === b.kind && a.key === b.key && (a.kind !== "metric" || b.kind !== "metric" || a.aggregate === b.aggregate)
  );
}
