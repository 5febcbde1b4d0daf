"use client";
import { StudioForm } from "@/components/ui/studio-form";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { FilePicker, UploadProgress, type PickedFile } from "@/components/files/file-picker";
import { apiUpload } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import { KeyValueEditor, recordFromRows, type KeyValueRow } from "@/components/models/key-value-editor";
import { checkUploadPaths } from "@/lib/file-paths";
import { formatBytes } from "@/lib/format";
import { submitCommandJobSchema } from "@/lib/schemas/jobs";
import type { JobFormInput, JobFormValues } from "@/lib/job-clone";

type InputRow = JobFormInput;

/** A new job's starting point: a training command that reads a data asset and writes a model. */
function newJobValues(dataAssets: string[]): JobFormValues {
  return {
    experiment: "default",
    displayName: "",
    command: "python train.py --data ${{inputs.data}} --output ${{outputs.model}}",
    environment: "",
    inputs: [{ name: "data", type: dataAssets.length ? "data" : "literal", value: dataAssets[0] ?? "" }],
    outputs: "model",
    git: { repository: "", branch: "", commit: "" },
    tags: [],
    codeFrom: null,
  };
}

/**
 * Builds a command job and submits it (multipart when there is code) to the local runner. `initial`
 * fills it from another job (Clone): its code snapshot is reused unless other files are picked.
 */
export function SubmitJobForm({
  workspace,
  maxBytes,
  environments,
  dataAssets,
  initial,
}: {
  workspace: string;
  maxBytes: number;
  environments: string[];
  dataAssets: string[];
  initial?: JobFormValues;
}) {
  const router = useRouter();
  const [start] = useState(() => initial ?? newJobValues(dataAssets));
  const [experiment, setExperiment] = useState(start.experiment);
  const [displayName, setDisplayName] = useState(start.displayName);
  const [command, setCommand] = useState(start.command);
  const [environment, setEnvironment] = useState(start.environment);
  const [inputs, setInputs] = useState<InputRow[]>(start.inputs);
  const [outputs, setOutputs] = useState(start.outputs);
  const [gitRepository, setGitRepository] = useState(start.git.repository);
  const [gitBranch, setGitBranch] = useState(start.git.branch);
  const [gitCommit, setGitCommit] = useState(start.git.commit);
  const [tags, setTags] = useState<KeyValueRow[]>(start.tags);
  const [isReusingCode, setReusingCode] = useState(start.codeFrom !== null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const total = useMemo(() => files.reduce((sum, f) => sum + f.file.size, 0), [files]);

  const spec = () => ({
    experiment: experiment.trim() || "default",
    ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
    command,
    compute: "local",
    ...(environment ? { environment } : {}),
    inputs: Object.fromEntries(
      inputs
        .filter((i) => i.name.trim())
        .map((i) => [
          i.name.trim(),
          i.type === "literal" ? { type: "literal", value: i.value } : { type: "data", asset: i.value },
        ]),
    ),
    outputs: outputs
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    ...(gitRepository || gitBranch || gitCommit
      ? {
          git: {
            ...(gitRepository.trim() ? { repository: gitRepository.trim() } : {}),
            ...(gitBranch.trim() ? { branch: gitBranch.trim() } : {}),
            ...(gitCommit.trim() ? { commit: gitCommit.trim() } : {}),
          },
        }
      : {}),
    tags: recordFromRows(tags),
    ...(start.codeFrom && isReusingCode && !files.length ? { codeFrom: start.codeFrom.job } : {}),
  });

  const submit = async () => {
    setError(null);
    const parsed = submitCommandJobSchema.safeParse(spec());
    if (!parsed.success)
      return setError(
        parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join(" "),
      );
    if (files.length) {
      const paths = checkUploadPaths(files.map((f) => f.path));
      if (!paths.ok) return setError(paths.message);
      if (total > maxBytes)
        return setError(`The code adds up to ${formatBytes(total)}, over the limit of ${formatBytes(maxBytes)}.`);
    }
    let body: FormData | string = JSON.stringify(spec());
    if (files.length) {
      body = new FormData();
      body.set("spec", JSON.stringify(spec()));
      for (const f of files) body.append("files", f.file, f.path);
    }
    setProgress(0);
    const result = await apiUpload<{ name: string }>(api.commandJobs(workspace), body, 201, setProgress);
    setProgress(null);
    if (result.ok) return router.push(pages.job(workspace, result.value.name, "logs"));
    setError(result.message);
  };

  const setInput = (index: number, patch: Partial<InputRow>) =>
    setInputs(inputs.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <StudioForm
      label="Submit job"
      onSubmit={submit}
      error={error}
      errorTitle="The job was not submitted"
      submitLabel="Submit job"
      pendingLabel="Submitting…"
      isPending={progress !== null}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Experiment"
          htmlFor="job-experiment"
          hint="Jobs are grouped by experiment; a new name creates one."
        >
          <Input
            id="job-experiment"
            value={experiment}
            onChange={(e) => setExperiment(e.target.value)}
            maxLength={255}
            required
          />
        </Field>
        <Field label="Display name (optional)" htmlFor="job-display-name">
          <Input
            id="job-display-name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            maxLength={200}
          />
        </Field>
      </div>
      <Field
        label="Command"
        htmlFor="job-command"
        hint="Runs with bash in the code folder. Refer to inputs and outputs as ${{inputs.name}} and ${{outputs.name}}; they become paths (data) or quoted values (literals)."
      >
        <Textarea
          id="job-command"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          className="font-mono"
          rows={3}
          maxLength={10_000}
          required
        />
      </Field>
      <Field
        label="Environment (optional)"
        htmlFor="job-environment"
        hint="On local compute its pip packages are installed in a virtual environment (built once, then reused) and its Python version is checked; the job page shows what it ran with."
      >
        <Select id="job-environment" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
          <option value="">None (the machine&apos;s Python)</option>
          {environments.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Inputs</legend>
        {inputs.map((row, index) => (
          <div key={index} className="grid grid-cols-[minmax(0,1fr)_7rem_minmax(0,2fr)_auto] items-center gap-2">
            <Input
              aria-label={`Input ${index + 1} name`}
              value={row.name}
              onChange={(e) => setInput(index, { name: e.target.value })}
              placeholder="name"
              className="font-mono"
            />
            <Select
              aria-label={`Input ${index + 1} type`}
              value={row.type}
              onChange={(e) =>
                setInput(index, {
                  type: e.target.value as InputRow["type"],
                  value: e.target.value === "data" ? (dataAssets[0] ?? "") : "",
                })
              }
            >
              <option value="literal">Value</option>
              <option value="data">Data asset</option>
            </Select>
            {row.type === "data" ? (
              <Input
                aria-label={`Input ${index + 1} data asset`}
                list="job-data-assets"
                value={row.value}
                onChange={(e) => setInput(index, { value: e.target.value })}
                placeholder="name:version or name@latest"
                className="font-mono"
              />
            ) : (
              <Input
                aria-label={`Input ${index + 1} value`}
                value={row.value}
                onChange={(e) => setInput(index, { value: e.target.value })}
                placeholder="0.01"
                className="font-mono"
              />
            )}
            <Button
              variant="ghost"
              aria-label={`Remove input ${index + 1}`}
              onClick={() => setInputs(inputs.filter((_, i) => i !== index))}
            >
              <Trash2 size={14} aria-hidden />
            </Button>
          </div>
        ))}
        <datalist id="job-data-assets">
          {dataAssets.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        <div>
          <Button size="sm" onClick={() => setInputs([...inputs, { name: "", type: "literal", value: "" }])}>
            <Plus size={14} aria-hidden /> Add input
          </Button>
        </div>
      </fieldset>
      <Field
        label="Outputs"
        htmlFor="job-outputs"
        hint="Comma-separated names. Each gets an empty folder; its files are collected when the command ends."
      >
        <Input
          id="job-outputs"
          value={outputs}
          onChange={(e) => setOutputs(e.target.value)}
          className="font-mono"
          placeholder="model, report"
        />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Code</legend>
        <p className="text-xs text-muted">
          The folder the command runs in, kept with the job as its code snapshot. Up to {formatBytes(maxBytes)}.
        </p>
        {start.codeFrom ? (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={isReusingCode && !files.length}
              disabled={files.length > 0}
              onChange={(e) => setReusingCode(e.target.checked)}
            />
            <span>
              Run with the code of <span className="font-mono">{start.codeFrom.job}</span> ({start.codeFrom.fileCount}{" "}
              file{start.codeFrom.fileCount === 1 ? "" : "s"}, {formatBytes(start.codeFrom.totalSize)})
              <span className="block text-xs text-muted">Pick files below to run other code instead.</span>
            </span>
          </label>
        ) : null}
        <FilePicker
          files={files}
          onChange={setFiles}
          noun="code files"
          emptyText={
            start.codeFrom && isReusingCode
              ? `No files picked: the job runs with the code of ${start.codeFrom.job}.`
              : "No code: the command runs in an empty folder."
          }
          stripFolder
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Git (recorded as given)</legend>
        <Field label="Repository" htmlFor="job-git-repo">
          <Input
            id="job-git-repo"
            value={gitRepository}
            onChange={(e) => setGitRepository(e.target.value)}
            maxLength={2048}
            placeholder="https://…/repo.git"
          />
        </Field>
        <Field label="Branch" htmlFor="job-git-branch">
          <Input id="job-git-branch" value={gitBranch} onChange={(e) => setGitBranch(e.target.value)} maxLength={255} />
        </Field>
        <Field label="Commit" htmlFor="job-git-commit">
          <Input
            id="job-git-commit"
            value={gitCommit}
            onChange={(e) => setGitCommit(e.target.value)}
            maxLength={64}
            className="font-mono"
          />
        </Field>
      </fieldset>
      <KeyValueEditor
        label="Tags"
        itemLabel="tag"
        rows={tags}
        onChange={setTags}
        keyPlaceholder="team"
        valuePlaceholder="vision"
      />
      <UploadProgress progress={progress} />
    </StudioForm>
  );
}
