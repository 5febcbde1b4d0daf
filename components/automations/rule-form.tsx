"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { StudioForm } from "@/components/ui/studio-form";
import { useServerAction } from "@/components/ui/use-server-action";
import { EventTypePicker } from "@/components/webhooks/event-type-picker";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import { RULE_JOB_STATUSES, type RuleTrigger } from "@/lib/automations/rule";
import { ActionFields, type ActionTargets } from "@/components/automations/action-fields";
import { describeTrigger } from "@/components/automations/describe-rule";
import {
  isJobsOnly,
  issueLabel,
  issuesAt,
  newActionDraft,
  newRuleDraft,
  splitIssues,
  toRuleInput,
  type ActionDraft,
  type Issue,
  type RuleDraft,
  type TriggerDraft,
} from "@/components/automations/rule-draft";

/** Creates the rule, or saves the changes to the one being edited; either way answers the rule's id. */
export type SaveRule = (input: unknown) => Promise<ActionResult<{ id: string }>>;

const JOBS_ONLY = "Applies to job events only: choose job.* or pipeline_job.* event types.";
const STATUSES = RULE_JOB_STATUSES;

/**
 * An automation rule: when (the trigger), then (one or more actions), how often at most. Empty for a new
 * rule; with `initial` (a saved rule's draft, see ruleToDraft) it edits that rule, and `save` sends all of
 * its fields.
 */
export function RuleForm({
  workspace,
  experiments,
  targets,
  initial,
  submitLabel,
  save,
}: {
  workspace: string;
  experiments: string[];
  targets: ActionTargets;
  /** The rule being edited, as a draft; absent for a new rule. */
  initial?: RuleDraft;
  /** The submit button's label: "Create rule" by default. */
  submitLabel?: string;
  save: SaveRule;
}) {
  const router = useRouter();
  const isEdit = initial !== undefined;
  const [start] = useState(() => initial ?? newRuleDraft());
  const [name, setName] = useState(start.name);
  const [description, setDescription] = useState(start.description);
  const [trigger, setTrigger] = useState<TriggerDraft>(start.trigger);
  const [actions, setActions] = useState<ActionDraft[]>(start.actions);
  const [nextKey, setNextKey] = useState(() => Math.max(-1, ...start.actions.map((a) => a.key)) + 1);
  const [cooldownSeconds, setCooldownSeconds] = useState(start.cooldownSeconds);
  const [formIssues, setFormIssues] = useState<Issue[]>([]);
  const { error, isPending, run } = useServerAction();

  // What the server said, by field, and what the form itself could not read.
  const issues = useMemo(() => (formIssues.length ? formIssues : error ? splitIssues(error) : []), [formIssues, error]);
  const jobsOnly = isJobsOnly(trigger.eventTypes);
  const setTriggerField = (field: keyof TriggerDraft, value: string) => setTrigger((t) => ({ ...t, [field]: value }));
  const triggerError = (field: keyof TriggerDraft) =>
    issuesAt(issues, `trigger.${field}`) ??
    ((field === "condition" || field === "experiment") && trigger[field].trim() && !jobsOnly ? JOBS_ONLY : null);

  const submit = () => {
    const built = toRuleInput({ name, description, trigger, actions, cooldownSeconds });
    if (!built.ok) return setFormIssues(built.issues);
    setFormIssues([]);
    run(
      () => save(built.input),
      isEdit ? "Rule saved" : "Rule created",
      (saved) => router.push(pages.automation(workspace, saved.id)),
    );
  };

  return (
    <StudioForm
      label={isEdit ? "Edit rule" : "New rule"}
      onSubmit={submit}
      error={
        issues.length ? (
          <ul className="mt-1 list-disc pl-5">
            {issues.map((issue, i) => (
              <li key={i}>
                {issue.path ? <span className="font-medium">{issueLabel(issue.path)}: </span> : null}
                {issue.message}
              </li>
            ))}
          </ul>
        ) : null
      }
      errorTitle={isEdit ? "The changes were not saved" : "The rule was not created"}
      submitLabel={submitLabel ?? (isEdit ? "Save changes" : "Create rule")}
      pendingLabel={isEdit ? "Saving…" : "Creating…"}
      isPending={isPending}
      canSubmit={name.trim() !== "" && trigger.eventTypes.length > 0 && actions.length > 0}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          htmlFor="rule-name"
          error={issuesAt(issues, "name")}
          hint="Letters, digits, spaces, _ . and -."
        >
          <Input
            id="rule-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder="register good iris models"
          />
        </Field>
        <Field label="Description" htmlFor="rule-description" error={issuesAt(issues, "description")}>
          <Input
            id="rule-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={2000}
            placeholder="Optional: why the rule is here"
          />
        </Field>
      </div>

      <fieldset className="flex min-w-0 flex-col gap-4">
        <legend className="mb-1 text-base font-semibold">When</legend>
        <EventTypePicker
          value={trigger.eventTypes}
          onChange={(eventTypes) => setTrigger((t) => ({ ...t, eventTypes }))}
        />
        {issuesAt(issues, "trigger.eventTypes") ? (
          <p className="text-sm text-danger">{issuesAt(issues, "trigger.eventTypes")}</p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Subject"
            htmlFor="rule-subject"
            error={triggerError("subjectPattern")}
            hint="Optional: the event's subject, * for any run of characters, such as models/iris-* or jobs/*."
          >
            <Input
              id="rule-subject"
              value={trigger.subjectPattern}
              onChange={(e) => setTriggerField("subjectPattern", e.target.value)}
              maxLength={300}
              className="font-mono"
            />
          </Field>
          <Field
            label="Model tags"
            htmlFor="rule-tags"
            error={triggerError("tags")}
            hint="Optional, for model events: TagName=TagValue, comma-separated; all must hold."
          >
            <Input
              id="rule-tags"
              value={trigger.tags}
              onChange={(e) => setTriggerField("tags", e.target.value)}
              maxLength={2000}
              placeholder="stage=candidate"
              className="font-mono"
            />
          </Field>
          <Field
            label="Experiment"
            htmlFor="rule-experiment"
            error={triggerError("experiment")}
            hint="Optional, for job events: only jobs of this experiment."
          >
            <Input
              id="rule-experiment"
              list="rule-experiments"
              value={trigger.experiment}
              onChange={(e) => setTriggerField("experiment", e.target.value)}
              maxLength={200}
            />
            <datalist id="rule-experiments">
              {experiments.map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
          </Field>
          <Field
            label="Status"
            htmlFor="rule-status"
            error={triggerError("status")}
            hint="Optional, for job events: the status reached, such as failed."
          >
            <Input
              id="rule-status"
              list="rule-statuses"
              value={trigger.status}
              onChange={(e) => setTriggerField("status", e.target.value)}
              maxLength={50}
            />
            <datalist id="rule-statuses">
              {STATUSES.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
          <Field
            label="Condition"
            htmlFor="rule-condition"
            error={triggerError("condition")}
            className="sm:col-span-2"
            hint={
              <>
                Optional, for job events: the jobs list&apos;s filter syntax, checked against the job when its event
                arrives, such as <code className="font-mono">metrics.accuracy &gt;= 0.95</code> or{" "}
                <code className="font-mono">metrics.val_accuracy &gt;= 0.9 and params.lr = 0.05</code>.
              </>
            }
          >
            <Input
              id="rule-condition"
              value={trigger.condition}
              onChange={(e) => setTriggerField("condition", e.target.value)}
              maxLength={2000}
              placeholder="metrics.accuracy >= 0.95"
              className="font-mono"
            />
          </Field>
        </div>
        {trigger.eventTypes.length ? (
          <p className="text-sm text-muted" aria-live="polite">
            {describeTrigger({
              ...trigger,
              subjectPattern: trigger.subjectPattern.trim() || null,
              tags: trigger.tags.trim() || null,
              experiment: trigger.experiment.trim() || null,
              status: (trigger.status.trim() || null) as RuleTrigger["status"],
              condition: trigger.condition.trim() || null,
            })}
            …
          </p>
        ) : null}
      </fieldset>

      <fieldset className="flex min-w-0 flex-col gap-3">
        <legend className="mb-1 text-base font-semibold">Then</legend>
        <p className="text-sm text-muted">
          The actions run in order, in {isEdit ? "the name of the rule's author" : "your name"}, each checked again when
          the rule fires.
        </p>
        {issuesAt(issues, "actions") && !actions.some((_, i) => issuesAt(issues, `actions.${i}`)) ? (
          <p className="text-sm text-danger">{issuesAt(issues, "actions")}</p>
        ) : null}
        {actions.map((draft, index) => (
          <ActionFields
            key={draft.key}
            workspace={workspace}
            draft={draft}
            index={index}
            targets={targets}
            issues={issues}
            onChange={(patch) => setActions((all) => all.map((a) => (a.key === draft.key ? { ...a, ...patch } : a)))}
            onRemove={
              actions.length > 1 ? () => setActions((all) => all.filter((a) => a.key !== draft.key)) : undefined
            }
          />
        ))}
        {actions.length < 10 ? (
          <div>
            <Button
              onClick={() => {
                setActions((all) => [...all, newActionDraft(nextKey, "notify")]);
                setNextKey((k) => k + 1);
              }}
            >
              <Plus size={14} aria-hidden /> Add an action
            </Button>
          </div>
        ) : null}
      </fieldset>

      <Field
        label="Cooldown (seconds)"
        htmlFor="rule-cooldown"
        error={issuesAt(issues, "cooldownSeconds")}
        hint="The rule fires at most once in this many seconds; events in between are skipped. 0: every matching event."
        className="max-w-xs"
      >
        <Input
          id="rule-cooldown"
          type="number"
          min={0}
          max={7 * 24 * 3600}
          step={1}
          inputMode="numeric"
          value={cooldownSeconds}
          onChange={(e) => setCooldownSeconds(e.target.value)}
        />
      </Field>
    </StudioForm>
  );
}
