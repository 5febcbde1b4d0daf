// The Activity page shows a job once: its submission (or, when that is on another page, its newest
// event) heads a row, and what followed on this page (the runner starting and finishing it, a cancel,
// uploaded outputs) folds under it. Nothing is dropped: every event is either a row or one of its
// row's folded events.
import { jobOutcomeOf, type EventLike, type Tone } from "@/lib/events/describe-event";

export type EventRow<E extends EventLike> = {
  /** The event the row shows. */
  event: E;
  /** The job's later events on this page, newest first (empty for anything but a job). */
  folded: E[];
  /** The job's latest state among the row's events, newest first, when one says. */
  outcome: { text: string; tone: Tone } | null;
};

const HEAD_ACTIONS = new Set(["job.submitted", "job.created"]);

function jobKey(event: EventLike): string | null {
  if (event.subject.type !== "job") return null;
  const scope = event.scope ? `${event.scope.kind}/${event.scope.name}` : "";
  return `${scope}/${event.subject.id ?? event.subject.label}`;
}

/** Groups a page of events (newest first) into rows, keeping the page's order. */
export function groupJobEvents<E extends EventLike>(events: E[]): EventRow<E>[] {
  const byJob = new Map<string, E[]>();
  for (const event of events) {
    const key = jobKey(event);
    if (key) byJob.set(key, [...(byJob.get(key) ?? []), event]);
  }
  const rows: EventRow<E>[] = [];
  const placed = new Set<string>();
  for (const event of events) {
    const key = jobKey(event);
    if (!key) {
      rows.push({ event, folded: [], outcome: null });
      continue;
    }
    if (placed.has(key)) continue;
    const all = byJob.get(key)!;
    // The submission heads the row, at its own place in time; without one on this page, the newest event
    // of the job does (this one: the first met).
    const head = all.find((e) => HEAD_ACTIONS.has(e.action));
    if (head && head !== event) continue;
    placed.add(key);
    const row = head ?? event;
    const folded = all.filter((e) => e !== row);
    const outcome = all.map(jobOutcomeOf).find((o) => o !== null) ?? null;
    rows.push({ event: row, folded, outcome: folded.length ? outcome : null });
  }
  return rows;
}
