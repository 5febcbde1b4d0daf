"use client";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import type { ScheduleDraft, TargetKind } from "@/components/schedules/schedule-draft";

// What a schedule runs, as the form edits it: a pipeline of the workspace (a version of it, or its draft as
// it is at firing time), or a job run again as it was submitted; with YAML, the YAML's create_job may say.

export type TargetChoices = {
  pipelines: { id: string; name: string; versionCount: number }[];
  /** Recent jobs that can run again, newest first; `label` says what each one is. */
  jobs: { name: string; label: string }[];
  /** The workspace's monitors, by name, with the deployment each watches. */
  monitors: { name: string; label: string }[];
};

export function TargetFields({
  draft,
  onChange,
  choices,
}: {
  draft: ScheduleDraft;
  onChange: (patch: Partial<ScheduleDraft>) => void;
  choices: TargetChoices;
}) {
  const kinds: { id: TargetKind; label: string }[] = [
    { id: "pipeline", label: "A pipeline" },
    { id: "job", label: "A job, run again" },
    { id: "monitor", label: "A model monitor" },
    ...(draft.mode === "yaml" ? [{ id: "yaml" as const, label: "What the YAML's create_job names" }] : []),
  ];
  const pipeline = choices.pipelines.find((p) => p.id === draft.pipeline);
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div role="radiogroup" aria-label="Runs" className="flex flex-wrap gap-x-5 gap-y-2">
        {kinds.map((k) => (
          <label key={k.id} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="schedule-target-kind"
              value={k.id}
              checked={draft.targetKind === k.id}
              onChange={() => onChange({ targetKind: k.id })}
            />
            {k.label}
          </label>
        ))}
      </div>
      {draft.targetKind === "pipeline" ? (
        choices.pipelines.length === 0 ? (
          <p className="text-sm text-muted">This workspace has no pipelines yet: make one in the designer first.</p>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Pipeline" htmlFor="schedule-pipeline">
                <Select
                  id="schedule-pipeline"
                  value={draft.pipeline}
                  onChange={(e) => onChange({ pipeline: e.target.value, version: "latest" })}
                >
                  <option value="" disabled>
                    Choose a pipeline…
                  </option>
                  {choices.pipelines.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Version"
                htmlFor="schedule-pipeline-version"
                hint={
                  pipeline && pipeline.versionCount === 0
                    ? "Never submitted: the draft runs until a version is."
                    : "Latest: whichever version was submitted last when it fires."
                }
              >
                <Select
                  id="schedule-pipeline-version"
                  value={draft.version}
                  onChange={(e) => onChange({ version: e.target.value })}
                >
                  <option value="latest">Latest submitted version</option>
                  <option value="draft">The draft, as it is when it fires</option>
                  {Array.from({ length: pipeline?.versionCount ?? 0 }, (_, i) => (pipeline?.versionCount ?? 0) - i).map(
                    (v) => (
                      <option key={v} value={String(v)}>
                        Version {v}
                      </option>
                    ),
                  )}
                </Select>
              </Field>
            </div>
            <details className="text-sm">
              <summary className="cursor-pointer text-muted">Inputs (optional)</summary>
              <Field
                label="Pipeline inputs"
                htmlFor="schedule-pipeline-inputs"
                hint={
                  <>
                    A JSON object of the pipeline&apos;s inputs to set, such as{" "}
                    <code className="font-mono">{'{"epochs": 20, "training_data": {"data": "iris:2"}}'}</code>; the
                    others keep their defaults.
                  </>
                }
                className="mt-2"
              >
                <Textarea
                  id="schedule-pipeline-inputs"
                  value={draft.inputs}
                  onChange={(e) => onChange({ inputs: e.target.value })}
                  rows={3}
                  className="font-mono text-xs"
                  spellCheck={false}
                />
              </Field>
            </details>
          </>
        )
      ) : null}
      {draft.targetKind === "job" ? (
        <Field
          label="Job to run again"
          htmlFor="schedule-job"
          hint="A command or pipeline job of this workspace, by name: it runs again as it was submitted (same code, command, inputs and environment)."
          className="sm:max-w-md"
        >
          <Input
            id="schedule-job"
            list="schedule-job-options"
            value={draft.job}
            onChange={(e) => onChange({ job: e.target.value })}
            maxLength={200}
            placeholder="job-…"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id="schedule-job-options">
            {choices.jobs.map((j) => (
              <option key={j.name} value={j.name} label={j.label} />
            ))}
          </datalist>
        </Field>
      ) : null}
      {draft.targetKind === "monitor" ? (
        choices.monitors.length === 0 ? (
          <p className="text-sm text-muted">
            This workspace has no monitors yet: create one from an endpoint&apos;s Monitoring tab first.
          </p>
        ) : (
          <Field
            label="Monitor"
            htmlFor="schedule-monitor"
            hint="Each firing runs the monitor over its window ending at the firing time; an alert is an event rules can answer."
            className="sm:max-w-md"
          >
            <Select id="schedule-monitor" value={draft.monitor} onChange={(e) => onChange({ monitor: e.target.value })}>
              <option value="" disabled>
                Choose a monitor…
              </option>
              {choices.monitors.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.label}
                </option>
              ))}
            </Select>
          </Field>
        )
      ) : null}
      {draft.targetKind === "yaml" ? (
        <p className="text-sm text-muted">
          The YAML must say <code className="font-mono">create_job: azureml:&lt;job name&gt;</code>: that job runs
          again. A job defined inline or in a file cannot be read here; choose a pipeline or a job instead.
        </p>
      ) : null}
    </div>
  );
}
