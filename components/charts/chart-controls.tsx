"use client";

import { MAX_SMOOTHING, X_AXES, X_AXIS_LABELS, type XAxisKind } from "@/lib/metric-chart";
import { Select } from "@/components/ui/input";

export type ChartSettings = { axis: XAxisKind; smoothing: number; isLog: boolean };

/** The x-axis choice, smoothing slider and log-scale switch shared by the job and compare pages. */
export function ChartControls({
  settings,
  onChange,
  logBlocker,
}: {
  settings: ChartSettings;
  onChange: (s: ChartSettings) => void;
  logBlocker: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
      <span className="flex items-center gap-2">
        <label htmlFor="x-axis" className="whitespace-nowrap text-muted">
          X axis
        </label>
        <Select
          id="x-axis"
          className="h-8 w-36!"
          value={settings.axis}
          onChange={(e) => onChange({ ...settings, axis: e.target.value as XAxisKind })}
        >
          {X_AXES.map((a) => (
            <option key={a} value={a}>
              {X_AXIS_LABELS[a]}
            </option>
          ))}
        </Select>
      </span>
      <span className="flex items-center gap-2">
        <label htmlFor="smoothing" className="text-muted">
          Smoothing
        </label>
        <input
          id="smoothing"
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ ...settings, smoothing: Number(e.target.value) })}
          className="w-36 accent-[var(--accent)]"
        />
        <output htmlFor="smoothing" className="w-10 tabular-nums">
          {settings.smoothing.toFixed(2)}
        </output>
      </span>
      <span className="flex items-center gap-2">
        <input
          id="log-scale"
          type="checkbox"
          checked={settings.isLog && !logBlocker}
          disabled={Boolean(logBlocker)}
          aria-describedby={logBlocker ? "log-scale-note" : undefined}
          onChange={(e) => onChange({ ...settings, isLog: e.target.checked })}
        />
        <label htmlFor="log-scale">Log scale</label>
        {logBlocker ? (
          <span id="log-scale-note" className="text-xs text-muted">
            ({logBlocker})
          </span>
        ) : null}
      </span>
    </div>
  );
}
