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
import {
  DEFAULT_TIMING_FIELDS,
  inputOf,
  previewOf,
  type ScheduleDraft,
  type TriggerMode,
} from "@/components/schedules/schedule-draft";
import { SchedulePreview } from "@/components/schedules/schedule-preview";
import { TargetFields, type TargetChoices } from "@/components/schedules/target-fields";
import { CronFields, RecurrenceFields, YamlFields, ZoneFields } from "@/components/schedules/timing-fields";

/**
 * Creates the schedule, or saves the changes to the one being edited; either way answers its id, and for
 * a create from YAML what the import left out.
 */
export type SaveSchedule = (
  input: unknown,
) => Promise<ActionResult<{ id: string; name?: string; warnings?: string[] }>>;

const MODES: { id: TriggerMode; label: string }[] = [
  { id: "cron", label: "Cron" },
  { id: "recurrence", label: "Recurrence" },
  { id: "yaml", label: "From Azure ML YAML" },
];

// The browser's own time zone is the default; the server render (and hydration) assumes UTC.
const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const serverZone = () => "UTC";

/**
 * A schedule: when (with a live preview of its next runs), what it runs, and how it handles overlap and
 * downtime. Empty for a new schedule; with `initial` (a saved schedule's draft, see scheduleToDraft) it
 * edits that schedule, in cron or recurrence mode (not from YAML), and `save` sends all of its fields.
 */
export function ScheduleForm({
  workspace,
  choices,
  renderedAt,
  initial,
  anchor,
  submitLabel,
  save,
}: {
  workspace: string;
  choices: TargetChoices;
  /** The server's render time, so the first preview in the browser is the server's. */
  renderedAt: number;
  /** The schedule being edited, as a draft; absent for a new schedule. */
  initial?: ScheduleDraft;
  /** When the edited schedule was made (ms): its recurrences count from then. A new one's count from now. */
  anchor?: number;
  /** The submit button's label: "Create schedule" by default. */
  submitLabel?: string;
  save: SaveSchedule;
}) {
  const router = useRouter();
  const isEdit = initial !== undefined;
  const defaultZone = useSyncExternalStore(noSubscription, browserZone, serverZone);
  const [zoneText, setZoneText] = useState<string | null>(initial?.timeZone ?? null);
  // The time zone is kept apart (zoneText): the draft takes it from there, whatever `fields` holds.
  const [fields, setFields] = useState<Omit<ScheduleDraft, "timeZone">>(() =>
    initial
      ? initial
      : {
          ...DEFAULT_TIMING_FIELDS,
          mode: "cron",
          name: "",
          description: "",
          startAt: "",
          endAt: "",
          yaml: "",
          targetKind: choices.pipelines.length ? "pipeline" : "job",
          pipeline: choices.pipelines[0]?.id ?? "",
          version: "latest",
          inputs: "",
          job: "",
          monitor: choices.monitors[0]?.name ?? "",
          allowOverlap: false,
          catchUp: false,
        },
  );
  const modes = isEdit ? MODES.filter((m) => m.id !== "yaml") : MODES;
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
  const preview = previewOf(draft, new Date(now), anchor === undefined ? undefined : new Date(anchor));
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string; warnings: string[] } | null>(null);
  const { error, isPending, run } = useServerAction();
  const isYaml = draft.mode === "yaml";

  const submit = () => {
    const submittedAt = new Date();
    const built = inputOf(draft, submittedAt, anchor === undefined ? submittedAt : new Date(anchor));
    if (!built.ok) return setFormProblem(built.problem);
    setFormProblem(null);
    run(
      () => save(built.value),
      isEdit ? "Schedule saved" : "Schedule created",
      (saved) => {
        // What the YAML import left out is told once, before going on; otherwise straight to the schedule.
        if (saved.warnings?.length)
          setCreated({ id: saved.id, name: saved.name ?? draft.name, warnings: saved.warnings });
        else router.push(pages.schedule(workspace, saved.id));
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
      label={isEdit ? "Edit schedule" : "New schedule"}
      onSubmit={submit}
      error={formProblem ?? error}
      errorTitle={isEdit ? "The changes were not saved" : "The schedule was not created"}
      submitLabel={submitLabel ?? (isEdit ? "Save changes" : "Create schedule")}
      pendingLabel={isEdit ? "Saving…" : "Creating…"}
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
            options={modes}
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
          {isEdit
            ? "In the name of whoever made the schedule, with their rights in this workspace when it fires."
            : "In your name, with your rights in this workspace when it fires; you, or an owner, can run it by hand."}
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
