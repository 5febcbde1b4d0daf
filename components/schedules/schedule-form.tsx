"use client";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { StudioForm } from "@/components/ui/studio-form";
import { useNow } from "@/components/ui/use-now";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import { inputOf, previewOf, type ScheduleDraft, type TriggerMode } from "@/components/schedules/schedule-draft";
import { SchedulePreview } from "@/components/schedules/schedule-preview";
import { TargetFields, type TargetChoices } from "@/components/schedules/target-fields";
import { CronFields, RecurrenceFields, YamlFields, ZoneFields } from "@/components/schedules/timing-fields";

export type CreateSchedule = (
  input: unknown,
) => Promise<ActionResult<{ id: string; name: string; summary: string; warnings: string[] }>>;

const MODES: { id: TriggerMode; label: string }[] = [
  { id: "cron", label: "Cron" },
  { id: "recurrence", label: "Recurrence" },
  { id: "yaml", label: "From Azure ML YAML" },
];

// The browser's own time zone is the default; the server render (and hydration) assumes UTC.
const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const serverZone = () => "UTC";

/** A new schedule: when (with a live preview of its next runs), what it runs, and how it handles overlap and downtime. */
export function ScheduleForm({
  workspace,
  choices,
  renderedAt,
  create,
}: {
  workspace: string;
  choices: TargetChoices;
  /** The server's render time, so the first preview in the browser is the server's. */
  renderedAt: number;
  create: CreateSchedule;
}) {
  const router = useRouter();
  const defaultZone = useSyncExternalStore(noSubscription, browserZone, serverZone);
  const [zoneText, setZoneText] = useState<string | null>(null);
  const [fields, setFields] = useState<Omit<ScheduleDraft, "timeZone">>(() => ({
    mode: "cron",
    name: "",
    description: "",
    cron: "0 3 * * *",
    frequency: "day",
    interval: "1",
    hours: "3",
    minutes: "0",
    monthDays: "",
    weekDays: [],
    startAt: "",
    endAt: "",
    yaml: "",
    targetKind: choices.pipelines.length ? "pipeline" : "job",
    pipeline: choices.pipelines[0]?.id ?? "",
    version: "latest",
    inputs: "",
    job: "",
    allowOverlap: false,
    catchUp: false,
  }));
  const draft: ScheduleDraft = { ...fields, timeZone: zoneText ?? defaultZone };
  const onChange = (patch: Partial<ScheduleDraft>) => {
    const { timeZone, ...rest } = patch;
    if (timeZone !== undefined) setZoneText(timeZone);
    setFields((f) => ({ ...f, ...rest }));
  };
  const setMode = (mode: TriggerMode) =>
    onChange({
      mode,
      // "What the YAML names" is for YAML only; YAML may name its job, so offer that first there.
      ...(mode !== "yaml" && fields.targetKind === "yaml"
        ? { targetKind: choices.pipelines.length ? "pipeline" : "job" }
        : {}),
      ...(mode === "yaml" && fields.mode !== "yaml" ? { targetKind: "yaml" } : {}),
    });

  const now = useNow({ intervalMs: 30_000, initial: renderedAt });
  const preview = previewOf(draft, new Date(now));
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string; warnings: string[] } | null>(null);
  const { error, isPending, run } = useServerAction();
  const isYaml = draft.mode === "yaml";

  const submit = () => {
    const built = inputOf(draft, new Date());
    if (!built.ok) return setFormProblem(built.problem);
    setFormProblem(null);
    run(
      () => create(built.value),
      "Schedule created",
      (made) => {
        // What the YAML import left out is told once, before going on; otherwise straight to the schedule.
        if (made.warnings.length) setCreated(made);
        else router.push(pages.schedule(workspace, made.id));
      },
    );
  };

  if (created) {
    return (
      <div className="flex max-w-3xl flex-col gap-3">
        <Alert tone="warning" title={`Schedule ${created.name} created; the YAML was read with notes`}>
          <ul className="mt-1 list-disc pl-5">
            {created.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
        <div>
          <ButtonLink href={pages.schedule(workspace, created.id)} variant="primary">
            Open the schedule
          </ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <StudioForm
      label="New schedule"
      onSubmit={submit}
      error={formProblem ?? error}
      errorTitle="The schedule was not created"
      submitLabel="Create schedule"
      pendingLabel="Creating…"
      isPending={isPending}
      canSubmit={isYaml ? draft.yaml.trim() !== "" : draft.name.trim() !== ""}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          htmlFor="schedule-name"
          hint={isYaml ? "Optional: the YAML's name when empty." : "Letters, digits, spaces, _ . and -; unique here."}
        >
          <Input
            id="schedule-name"
            value={draft.name}
            onChange={(e) => onChange({ name: e.target.value })}
            required={!isYaml}
            maxLength={100}
            placeholder="nightly retrain"
            autoComplete="off"
          />
        </Field>
        <Field label="Description" htmlFor="schedule-description">
          <Input
            id="schedule-description"
            value={draft.description}
            onChange={(e) => onChange({ description: e.target.value })}
            maxLength={2000}
            placeholder={isYaml ? "Optional: the YAML's description when empty" : "Optional: why it runs"}
          />
        </Field>
      </div>

      <fieldset className="flex min-w-0 flex-col gap-4">
        <legend className="mb-1 text-base font-semibold">When</legend>
        <div className="overflow-x-auto">
          <SegmentedControl
            label="Trigger"
            options={MODES}
            value={draft.mode}
            onChange={(id) => setMode(id as TriggerMode)}
          />
        </div>
        {draft.mode === "cron" ? <CronFields draft={draft} onChange={onChange} /> : null}
        {draft.mode === "recurrence" ? <RecurrenceFields draft={draft} onChange={onChange} /> : null}
        {isYaml ? <YamlFields draft={draft} onChange={onChange} /> : <ZoneFields draft={draft} onChange={onChange} />}
        <SchedulePreview preview={preview} />
      </fieldset>

      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="mb-1 text-base font-semibold">Runs</legend>
        <p className="text-sm text-muted">
          In your name, with your rights in this workspace when it fires; you, or an owner, can run it by hand.
        </p>
        <TargetFields draft={draft} onChange={onChange} choices={choices} />
      </fieldset>

      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="mb-1 text-base font-semibold">Options</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={draft.allowOverlap}
            onChange={(e) => onChange({ allowOverlap: e.target.checked })}
          />
          <span>
            <span className="font-medium">Allow overlap</span>
            <span className="block text-muted">
              Start a run even while the previous one is still queued or running; otherwise that time is skipped.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={draft.catchUp}
            onChange={(e) => onChange({ catchUp: e.target.checked })}
          />
          <span>
            <span className="font-medium">Catch up after downtime</span>
            <span className="block text-muted">
              If the studio was down at a run&apos;s time, run once when it is back; otherwise the time is recorded as
              missed.
            </span>
          </span>
        </label>
      </fieldset>
    </StudioForm>
  );
}
