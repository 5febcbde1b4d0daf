"use client";
import { EVENT_TYPES } from "@/lib/events/catalog";

// The event types a webhook listens to: everything (`*`), or a choice from the catalog, grouped by what
// the events are about.

const GROUPS: { label: string; prefix: string }[] = [
  { label: "Models", prefix: "model." },
  { label: "Data", prefix: "data." },
  { label: "Jobs", prefix: "job." },
  { label: "Pipeline jobs", prefix: "pipeline_job." },
  { label: "Endpoints", prefix: "endpoint." },
  { label: "Deployments", prefix: "deployment." },
  { label: "Automation", prefix: "automation." },
  { label: "Schedules", prefix: "schedule." },
];

export function EventTypePicker({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const isAll = value.includes("*");
  const toggle = (type: string) =>
    onChange(value.includes(type) ? value.filter((t) => t !== type) : [...value.filter((t) => t !== "*"), type]);
  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-sm font-medium">Events</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={isAll} onChange={() => onChange(isAll ? [] : ["*"])} />
        All events, including types added later
      </label>
      {isAll ? null : (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {GROUPS.map((group) => (
            <div key={group.prefix} role="group" aria-label={group.label} className="flex flex-col gap-1">
              <span className="text-xs font-semibold uppercase tracking-wide text-muted">{group.label}</span>
              {EVENT_TYPES.filter((t) => t.type.startsWith(group.prefix)).map((t) => (
                <label key={t.type} className="flex items-start gap-2 text-sm" title={t.description}>
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={value.includes(t.type)}
                    onChange={() => toggle(t.type)}
                  />
                  <span className="font-mono text-xs leading-5">{t.type}</span>
                </label>
              ))}
            </div>
          ))}
        </div>
      )}
      {value.length === 0 ? <p className="text-sm text-danger">Choose at least one event type.</p> : null}
    </fieldset>
  );
}
