"use client";
import Link from "next/link";
import { Trash2 } from "lucide-react";
import { TEMPLATE_EXAMPLES, type RuleActionType } from "@/lib/automations/rule";
import { pages } from "@/lib/routes";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { ACTION_LABELS } from "@/components/automations/describe-rule";
import { ACTION_TYPES, issuesAt, type ActionDraft, type Issue } from "@/components/automations/rule-draft";

/** What the workspace offers the actions to point at, read by the page. */
export type ActionTargets = {
  pipelines: { id: string; name: string; versionCount: number }[];
  /** The webhooks the actor manages (owners: all of the workspace's; contributors: their own). */
  webhooks: { id: string; url: string; description: string }[];
  members: { email: string; name: string }[];
};

const TEMPLATES_HINT = (
  <>
    Values may take parts of the event, such as{" "}
    {TEMPLATE_EXAMPLES.map((t, i) => (
      <span key={t}>
        {i ? ", " : ""}
        <code className="font-mono">{t}</code>
      </span>
    ))}
    .
  </>
);

/** One action of the rule: what it does, and the fields that type of action takes. */
export function ActionFields({
  workspace,
  draft,
  index,
  targets,
  issues,
  onChange,
  onRemove,
}: {
  workspace: string;
  draft: ActionDraft;
  index: number;
  targets: ActionTargets;
  issues: readonly Issue[];
  onChange: (patch: Partial<ActionDraft>) => void;
  /** Absent for the rule's only action. */
  onRemove?: () => void;
}) {
  const id = (field: string) => `action-${draft.key}-${field}`;
  const at = (field: string) => issuesAt(issues, `actions.${index}.${field}`);
  // What is not about one field (the domain's check of the action's targets).
  const general = issues
    .filter((i) => i.path === `actions.${index}`)
    .map((i) => i.message)
    .join(" ");
  const text = (field: keyof ActionDraft, value: string) => onChange({ [field]: value });
  const pipeline = targets.pipelines.find((p) => p.id === draft.pipeline);
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-border bg-surface-2/40 p-3">
      <legend className="px-1 text-sm font-medium">Action {index + 1}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <Field label="What to do" htmlFor={id("type")} className="min-w-0 flex-1">
          <Select
            id={id("type")}
            value={draft.type}
            onChange={(e) => onChange({ type: e.target.value as RuleActionType })}
          >
            {ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {ACTION_LABELS[type]}
              </option>
            ))}
          </Select>
        </Field>
        {onRemove ? (
          <Button variant="ghost" aria-label={`Remove action ${index + 1}`} onClick={onRemove}>
            <Trash2 size={14} aria-hidden /> Remove
          </Button>
        ) : null}
      </div>
      {general ? <p className="text-sm text-danger">{general}</p> : null}

      {draft.type === "register_model" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Model name"
            htmlFor={id("model")}
            error={at("model")}
            hint="A new version of this model; the model is made if it does not exist."
          >
            <Input id={id("model")} value={draft.model} onChange={(e) => text("model", e.target.value)} required />
          </Field>
          <Field
            label="Output"
            htmlFor={id("output")}
            error={at("output")}
            hint="The output of the event's job that holds the model files."
          >
            <Input
              id={id("output")}
              value={draft.output}
              onChange={(e) => text("output", e.target.value)}
              className="font-mono"
              required
            />
          </Field>
          <Field
            label="Tags"
            htmlFor={id("tags")}
            error={at("tags")}
            hint={<>One key=value a line. {TEMPLATES_HINT}</>}
            className="sm:col-span-2"
          >
            <Textarea
              id={id("tags")}
              value={draft.tags}
              onChange={(e) => text("tags", e.target.value)}
              placeholder={"stage=candidate\nsource-job=${{event.data.name}}"}
              className="font-mono"
            />
          </Field>
          <Field
            label="Version description"
            htmlFor={id("description")}
            error={at("description")}
            className="sm:col-span-2"
          >
            <Input
              id={id("description")}
              value={draft.description}
              onChange={(e) => text("description", e.target.value)}
              maxLength={5000}
            />
          </Field>
        </div>
      ) : null}

      {draft.type === "rerun_job" ? (
        <Field
          label="Job"
          htmlFor={id("job")}
          error={at("job")}
          hint="Optional: by default the job the event is about runs again, as it was submitted, under a new name."
        >
          <Input
            id={id("job")}
            value={draft.job}
            onChange={(e) => text("job", e.target.value)}
            placeholder="the event's job"
            className="font-mono"
          />
        </Field>
      ) : null}

      {draft.type === "submit_pipeline" ? (
        targets.pipelines.length === 0 ? (
          <p className="text-sm text-muted">
            This workspace has no pipelines yet.{" "}
            <Link href={pages.pipelines(workspace)} className="text-accent hover:underline">
              Draw one
            </Link>{" "}
            first, then come back to submit it from a rule.
          </p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Pipeline" htmlFor={id("pipeline")} error={at("pipeline")}>
              <Select
                id={id("pipeline")}
                value={draft.pipeline}
                onChange={(e) => onChange({ pipeline: e.target.value, version: "latest" })}
                required
              >
                <option value="">Choose a pipeline…</option>
                {targets.pipelines.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Version" htmlFor={id("version")} error={at("version")}>
              <Select id={id("version")} value={draft.version} onChange={(e) => text("version", e.target.value)}>
                <option value="latest">Latest submitted version</option>
                <option value="draft">The draft as it is when the rule fires</option>
                {Array.from({ length: pipeline?.versionCount ?? 0 }, (_, i) => (pipeline?.versionCount ?? 0) - i).map(
                  (v) => (
                    <option key={v} value={String(v)}>
                      Version {v}
                    </option>
                  ),
                )}
              </Select>
            </Field>
            <Field
              label="Inputs"
              htmlFor={id("inputs")}
              error={at("inputs")}
              hint={<>Optional: one input=value a line. {TEMPLATES_HINT}</>}
            >
              <Textarea
                id={id("inputs")}
                value={draft.inputs}
                onChange={(e) => text("inputs", e.target.value)}
                placeholder="learning_rate=0.05"
                className="font-mono"
              />
            </Field>
            <Field
              label="Data inputs"
              htmlFor={id("dataInputs")}
              error={at("dataInputs")}
              hint="Optional: one input=data asset name:version a line."
            >
              <Textarea
                id={id("dataInputs")}
                value={draft.dataInputs}
                onChange={(e) => text("dataInputs", e.target.value)}
                placeholder={"training_data=${{event.data.name}}:${{event.data.version}}"}
                className="font-mono"
              />
            </Field>
          </div>
        )
      ) : null}

      {draft.type === "set_model_tags" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label="Tags to set"
            htmlFor={id("tags")}
            error={at("tags")}
            hint={<>On the event&apos;s model version, one key=value a line. {TEMPLATES_HINT}</>}
          >
            <Textarea
              id={id("tags")}
              value={draft.tags}
              onChange={(e) => text("tags", e.target.value)}
              placeholder="stage=review"
              className="font-mono"
            />
          </Field>
          <Field
            label="Tags to remove"
            htmlFor={id("remove")}
            error={at("remove")}
            hint="Optional: tag names, comma-separated."
          >
            <Input
              id={id("remove")}
              value={draft.remove}
              onChange={(e) => text("remove", e.target.value)}
              placeholder="candidate"
              className="font-mono"
            />
          </Field>
        </div>
      ) : null}

      {draft.type === "notify" ? (
        <div className="flex flex-col gap-3">
          <fieldset className="flex min-w-0 flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">Who</legend>
            <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
              {targets.members.map((m) => (
                <label key={m.email} className="flex min-w-0 items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={draft.users.includes(m.email)}
                    onChange={(e) =>
                      onChange({
                        users: e.target.checked ? [...draft.users, m.email] : draft.users.filter((u) => u !== m.email),
                      })
                    }
                  />
                  <span className="min-w-0 break-words">
                    {m.name} <span className="text-muted">{m.email}</span>
                  </span>
                </label>
              ))}
            </div>
            {at("users") ? (
              <p className="text-xs text-danger">{at("users")}</p>
            ) : (
              <p className="text-xs text-muted">Nobody ticked: you, the rule&apos;s author, are notified.</p>
            )}
          </fieldset>
          <Field label="Message" htmlFor={id("message")} error={at("message")} hint={TEMPLATES_HINT}>
            <Textarea
              id={id("message")}
              value={draft.message}
              onChange={(e) => text("message", e.target.value)}
              maxLength={1000}
              placeholder={"${{event.subject}} failed: have a look."}
            />
          </Field>
        </div>
      ) : null}

      {draft.type === "call_webhook" ? (
        targets.webhooks.length === 0 ? (
          <p className="text-sm text-muted">
            You manage no webhooks in this workspace.{" "}
            <Link href={pages.webhooks({ kind: "workspace", name: workspace })} className="text-accent hover:underline">
              Add one
            </Link>{" "}
            first; the rule then sends it the event, signed as any delivery is.
          </p>
        ) : (
          <Field
            label="Webhook"
            htmlFor={id("webhook")}
            error={at("webhook")}
            hint="It is sent the event, signed as any delivery is."
          >
            <Select id={id("webhook")} value={draft.webhook} onChange={(e) => text("webhook", e.target.value)} required>
              <option value="">Choose a webhook…</option>
              {targets.webhooks.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.description ? `${w.description} (${w.url})` : w.url}
                </option>
              ))}
            </Select>
          </Field>
        )
      ) : null}
    </fieldset>
  );
}
