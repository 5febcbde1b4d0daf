"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { PipelineInputNode } from "@/lib/pipeline/types";
import { isValueType } from "@/lib/pipeline/port-types";
import type { DataChoice } from "@/lib/pipeline/catalog";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { submitPipelineRequest } from "@/components/pipelines/pipeline-requests";
import { pages } from "@/lib/routes";

type InputValue = string | { data: string };

/**
 * Submit: the experiment, a display name, a value for each pipeline input (its default prefilled) and
 * whether identical earlier steps may be reused. The draft is saved first; the server checks the graph
 * again and refuses a draft that changed elsewhere since.
 */
export function SubmitDialog({
  open,
  onClose,
  workspace,
  pipelineId,
  inputs,
  defaultExperiment,
  dataChoices,
  save,
  revision,
}: {
  open: boolean;
  onClose: () => void;
  workspace: string;
  pipelineId: string;
  inputs: PipelineInputNode[];
  defaultExperiment: string;
  dataChoices: DataChoice[];
  save: () => Promise<boolean>;
  revision: () => number;
}) {
  const router = useRouter();
  const id = useId();
  const [experiment, setExperiment] = useState(defaultExperiment);
  const [displayName, setDisplayName] = useState("");
  const [isReuse, setIsReuse] = useState(true);
  const [values, setValues] = useState<Record<string, InputValue>>(() =>
    Object.fromEntries(
      inputs.map((n) => [
        n.name,
        isValueType(n.type) ? (n.default === undefined ? "" : String(n.default)) : { data: n.defaultData ?? "" },
      ]),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    setIsBusy(true);
    setError(null);
    if (!(await save())) {
      setIsBusy(false);
      return setError("The draft could not be saved, so it was not submitted: see the message above the canvas.");
    }
    const given: Record<string, string | { data: string }> = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "string" ? value !== "" : value.data !== "") given[name] = value;
    }
    const result = await submitPipelineRequest(workspace, pipelineId, {
      experiment: experiment.trim() || undefined,
      displayName: displayName.trim() || undefined,
      inputs: given,
      reuse: isReuse,
      revision: revision(),
    });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    router.push(pages.job(workspace, result.value.name));
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Submit pipeline"
      description="Runs the saved draft on the local runner; each step becomes a job of its own."
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Experiment" htmlFor={`${id}-experiment`}>
          <Input
            id={`${id}-experiment`}
            value={experiment}
            onChange={(e) => setExperiment(e.target.value)}
            required
            maxLength={200}
          />
        </Field>
        <Field label="Display name" htmlFor={`${id}-display`} hint="Optional; the job's name otherwise.">
          <Input
            id={`${id}-display`}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            maxLength={200}
          />
        </Field>
        {inputs.length ? (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Pipeline inputs</legend>
            {inputs.map((n) => {
              const value = values[n.name];
              const fieldId = `${id}-input-${n.name}`;
              return typeof value === "string" ? (
                <Field
                  key={n.id}
                  label={`${n.name} (${n.type})`}
                  htmlFor={fieldId}
                  hint={
                    n.optional ? "Optional." : n.default !== undefined ? `Default ${String(n.default)}.` : "Required."
                  }
                >
                  {n.type === "boolean" ? (
                    <Select
                      id={fieldId}
                      value={value}
                      onChange={(e) => setValues((v) => ({ ...v, [n.name]: e.target.value }))}
                    >
                      <option value="">(default)</option>
                      <option value="true">true</option>
                      <option value="false">false</option>
                    </Select>
                  ) : (
                    <Input
                      id={fieldId}
                      value={value}
                      onChange={(e) => setValues((v) => ({ ...v, [n.name]: e.target.value }))}
                    />
                  )}
                </Field>
              ) : (
                <Field key={n.id} label={`${n.name} (${n.type})`} htmlFor={fieldId} hint="A data asset version.">
                  <Select
                    id={fieldId}
                    value={value.data}
                    onChange={(e) => setValues((v) => ({ ...v, [n.name]: { data: e.target.value } }))}
                  >
                    <option value="">{n.optional ? "(none)" : "Choose a data asset"}</option>
                    {dataChoices.flatMap((c) => [
                      <option key={c.ref} value={c.ref}>
                        {c.label} (latest)
                      </option>,
                      ...c.versions.map((v) => (
                        <option key={`${c.ref}:${v}`} value={c.ref.replace(/@latest$/, `:${v}`)}>
                          {c.label} v{v}
                        </option>
                      )),
                    ])}
                    {value.data &&
                    !dataChoices.some(
                      (c) =>
                        value.data === c.ref ||
                        c.versions.some((v) => value.data === c.ref.replace(/@latest$/, `:${v}`)),
                    ) ? (
                      <option value={value.data}>{value.data}</option>
                    ) : null}
                  </Select>
                </Field>
              );
            })}
          </fieldset>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isReuse} onChange={(e) => setIsReuse(e.target.checked)} />
          Reuse the outputs of identical earlier steps
        </label>
        {error ? <Alert>{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={isBusy}>
            {isBusy ? "Submitting…" : "Submit"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
