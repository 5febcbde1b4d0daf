import type { Preview } from "@/components/schedules/schedule-draft";
import { PREVIEW_COUNT } from "@/components/schedules/schedule-draft";
import { ZonedTime } from "@/components/schedules/zoned-time";

/** The next fire times of the timing being edited, on its zone's clock, or why it would not fire. */
export function SchedulePreview({ preview }: { preview: Preview }) {
  return (
    <section
      aria-label="Preview"
      aria-live="polite"
      className="flex min-w-0 flex-col gap-2 rounded-md border border-border bg-surface-2 p-3 text-sm"
    >
      {preview.ok ? (
        <>
          <p className="font-medium" data-testid="schedule-summary">
            {preview.summary}
          </p>
          <p id="schedule-next-runs" className="text-xs font-semibold uppercase tracking-wide text-muted">
            Next runs:
          </p>
          {preview.upcoming.length ? (
            <ol aria-labelledby="schedule-next-runs" className="flex flex-col gap-0.5">
              {preview.upcoming.map((iso) => (
                <li key={iso}>
                  <ZonedTime iso={iso} zone={preview.zone} />
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-warning">None: the end has passed, so it would not fire again.</p>
          )}
          {preview.upcoming.length > 0 && preview.upcoming.length < PREVIEW_COUNT ? (
            <p className="text-xs text-muted">No more after these: the end comes first.</p>
          ) : null}
          {preview.warnings.length ? (
            <div className="text-xs text-warning">
              <p className="font-medium">Read from the YAML with notes:</p>
              <ul className="list-disc pl-5">
                {preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-danger" data-testid="schedule-problem">
          {preview.problem}
        </p>
      )}
    </section>
  );
}
