"use client";
import { StudioForm } from "@/components/ui/studio-form";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { FilePicker, UploadProgress, type PickedFile } from "@/components/files/file-picker";
import { apiUpload } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import { KeyValueEditor, recordFromRows, type KeyValueRow } from "@/components/models/key-value-editor";
import { MODEL_TYPES, MODEL_TYPE_LABELS } from "@/lib/schemas/models";
import { checkUploadPaths } from "@/lib/file-paths";
import { assetNameSchema } from "@/lib/schemas/common";
import { formatBytes } from "@/lib/format";

export function RegisterModelForm({
  scope,
  initialName,
  maxBytes,
}: {
  scope: ScopeRef;
  initialName?: string;
  maxBytes: number;
}) {
  const router = useRouter();
  const [name, setName] = useState(initialName ?? "");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<string>("custom_model");
  const [tags, setTags] = useState<KeyValueRow[]>([]);
  const [properties, setProperties] = useState<KeyValueRow[]>([]);
  const [sourceJobId, setSourceJobId] = useState("");
  const [sourceRunUrl, setSourceRunUrl] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const total = useMemo(() => files.reduce((sum, f) => sum + f.file.size, 0), [files]);
  const nameError =
    name && !assetNameSchema.safeParse(name).success ? assetNameSchema.safeParse(name).error?.issues[0]?.message : null;

  const submit = async () => {
    setError(null);
    const parsedName = assetNameSchema.safeParse(name);
    if (!parsedName.success) return setError(parsedName.error.issues[0]?.message ?? "Check the name.");
    const paths = checkUploadPaths(files.map((f) => f.path));
    if (!paths.ok) return setError(paths.message);
    if (total > maxBytes)
      return setError(`The files add up to ${formatBytes(total)}, over the limit of ${formatBytes(maxBytes)}.`);
    const body = new FormData();
    body.set("description", description);
    body.set("type", type);
    body.set("tags", JSON.stringify(recordFromRows(tags)));
    body.set("properties", JSON.stringify(recordFromRows(properties)));
    if (sourceJobId.trim() || sourceRunUrl.trim()) {
      body.set(
        "source",
        JSON.stringify({
          ...(sourceJobId.trim() ? { jobId: sourceJobId.trim() } : {}),
          ...(sourceRunUrl.trim() ? { runUrl: sourceRunUrl.trim() } : {}),
        }),
      );
    }
    for (const f of files) body.append("files", f.file, f.path);
    setProgress(0);
    const result = await apiUpload<{ version: number }>(
      api.assetVersions(scope, "models", parsedName.data),
      body,
      201,
      setProgress,
    );
    setProgress(null);
    if (!result.ok) return setError(result.message);
    router.push(pages.assetVersion(scope, "models", parsedName.data, result.value.version));
    router.refresh();
  };

  return (
    <StudioForm
      label="Register model"
      onSubmit={submit}
      error={error}
      errorTitle="The model was not registered"
      submitLabel="Register"
      pendingLabel="Registering…"
      isPending={progress !== null}
      canSubmit={files.length > 0 && Boolean(name)}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          htmlFor="model-name"
          error={nameError}
          hint="A new name starts at version 1; an existing name gets its next version."
        >
          <Input
            id="model-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={255}
            placeholder="e.g. iris-classifier"
          />
        </Field>
        <Field label="Type" htmlFor="model-type">
          <Select id="model-type" value={type} onChange={(e) => setType(e.target.value)}>
            {MODEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {MODEL_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description" htmlFor="model-description">
        <Textarea
          id="model-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={5000}
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <KeyValueEditor
          label="Tags"
          itemLabel="tag"
          rows={tags}
          onChange={setTags}
          keyPlaceholder="team"
          valuePlaceholder="vision"
        />
        <KeyValueEditor
          label="Properties"
          itemLabel="property"
          rows={properties}
          onChange={setProperties}
          keyPlaceholder="accuracy"
          valuePlaceholder="0.93"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Source job (optional)"
          htmlFor="source-job"
          hint="The job that produced these files, kept as lineage."
        >
          <Input
            id="source-job"
            value={sourceJobId}
            onChange={(e) => setSourceJobId(e.target.value)}
            maxLength={128}
            className="font-mono"
          />
        </Field>
        <Field label="Run link (optional)" htmlFor="source-run" hint="A link to the run elsewhere (http or https).">
          <Input
            id="source-run"
            type="url"
            value={sourceRunUrl}
            onChange={(e) => setSourceRunUrl(e.target.value)}
            maxLength={2048}
            placeholder="https://…"
          />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Files</legend>
        <p className="text-xs text-muted">
          One or more files, or a whole folder (its structure is kept). Up to {formatBytes(maxBytes)} in all.
        </p>
        <FilePicker files={files} onChange={setFiles} />
      </fieldset>
      <UploadProgress progress={progress} />
    </StudioForm>
  );
}
