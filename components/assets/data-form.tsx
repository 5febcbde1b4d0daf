"use client";
import { StudioForm } from "@/components/ui/studio-form";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { FilePicker, UploadProgress, type PickedFile } from "@/components/files/file-picker";
import { apiRequest, apiUpload, jsonInit, type RequestResult } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { KeyValueEditor, recordFromRows, type KeyValueRow } from "@/components/models/key-value-editor";
import { DATA_TYPES, DATA_TYPE_LABELS, type DataType } from "@/lib/schemas/assets";
import { checkUploadPaths } from "@/lib/file-paths";
import { assetNameSchema } from "@/lib/schemas/common";
import { formatBytes } from "@/lib/format";

/** Creates a data asset version by uploading a file or folder, or by naming a server path in an allowed folder. */
export function DataForm({
  scope,
  initialName,
  maxBytes,
  dataRoots,
}: {
  scope: ScopeRef;
  initialName?: string;
  maxBytes: number;
  dataRoots: string[];
}) {
  const router = useRouter();
  const [source, setSource] = useState<"upload" | "path">("upload");
  const [name, setName] = useState(initialName ?? "");
  const [type, setType] = useState<DataType>("file");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState<KeyValueRow[]>([]);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [serverPath, setServerPath] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const total = useMemo(() => files.reduce((sum, f) => sum + f.file.size, 0), [files]);
  const nameCheck = name ? assetNameSchema.safeParse(name) : null;

  const finish = (result: RequestResult<{ version: number }>, parsedName: string) => {
    setProgress(null);
    if (!result.ok) return setError(result.message);
    router.push(pages.assetVersion(scope, "data", parsedName, result.value.version));
    router.refresh();
  };

  const submit = async () => {
    setError(null);
    const parsedName = assetNameSchema.safeParse(name);
    if (!parsedName.success) return setError(parsedName.error.issues[0]?.message ?? "Check the name.");
    const url = api.assetVersions(scope, "data", parsedName.data);
    if (source === "path") {
      setProgress(0);
      const body = { path: serverPath, type, description, tags: recordFromRows(tags) };
      return finish(await apiRequest<{ version: number }>(url, jsonInit("POST", body), 201), parsedName.data);
    }
    const paths = checkUploadPaths(files.map((f) => f.path));
    if (!paths.ok) return setError(paths.message);
    if (type === "file" && files.length !== 1)
      return setError(
        `A "file" data asset holds exactly one file; you chose ${files.length}. Pick "Folder" or "Table" for several.`,
      );
    if (total > maxBytes)
      return setError(`The files add up to ${formatBytes(total)}, over the limit of ${formatBytes(maxBytes)}.`);
    const body = new FormData();
    body.set("type", type);
    body.set("description", description);
    body.set("tags", JSON.stringify(recordFromRows(tags)));
    for (const f of files) body.append("files", f.file, f.path);
    setProgress(0);
    finish(await apiUpload<{ version: number }>(url, body, 201, setProgress), parsedName.data);
  };

  const isReady = name !== "" && (source === "upload" ? files.length > 0 : serverPath.trim() !== "");
  return (
    <StudioForm
      label="New data asset version"
      onSubmit={() => void submit()}
      error={error}
      errorTitle="The data asset was not created"
      submitLabel="Create version"
      pendingLabel="Creating…"
      isPending={progress !== null}
      canSubmit={isReady}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          htmlFor="data-name"
          error={nameCheck && !nameCheck.success ? nameCheck.error.issues[0]?.message : null}
          hint="A new name starts at version 1; an existing name gets its next version."
        >
          <Input
            id="data-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={255}
            placeholder="e.g. iris"
          />
        </Field>
        <Field
          label="Type"
          htmlFor="data-type"
          hint="File: exactly one file. Folder: any files. Table: files holding one table (e.g. CSV parts)."
        >
          <Select id="data-type" value={type} onChange={(e) => setType(e.target.value as DataType)}>
            {DATA_TYPES.map((t) => (
              <option key={t} value={t}>
                {DATA_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Description" htmlFor="data-description">
        <Textarea
          id="data-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={5000}
        />
      </Field>
      <KeyValueEditor
        label="Tags"
        itemLabel="tag"
        rows={tags}
        onChange={setTags}
        keyPlaceholder="source"
        valuePlaceholder="uci"
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium">Data</legend>
        <SegmentedControl
          label="Where the data comes from"
          value={source}
          onChange={(id) => setSource(id as "upload" | "path")}
          options={[
            { id: "upload", label: "Upload" },
            { id: "path", label: "Server path" },
          ]}
        />
        {source === "upload" ? (
          <div className="flex flex-col gap-2">
            <p className="text-xs text-muted">
              A file, several files, or a whole folder (its structure is kept). Up to {formatBytes(maxBytes)} in all.
              CSV and JSON-lines files get a column profile.
            </p>
            <FilePicker files={files} onChange={setFiles} onFolderPicked={() => type === "file" && setType("folder")} />
          </div>
        ) : dataRoots.length ? (
          <Field
            label="Path on the server"
            htmlFor="data-path"
            hint={`An absolute path to a file or folder inside: ${dataRoots.join(", ")}. The files are copied (a snapshot) and the path is recorded.`}
          >
            <Input
              id="data-path"
              value={serverPath}
              onChange={(e) => setServerPath(e.target.value)}
              maxLength={4096}
              className="font-mono"
              placeholder={`${dataRoots[0]}/…`}
            />
          </Field>
        ) : (
          <Alert tone="info" title="Reading from server paths is turned off">
            The administrator has not set <code>STUDIO_DATA_ROOTS</code> (the folders the studio may read data from).
            Upload the files instead.
          </Alert>
        )}
      </fieldset>
      <UploadProgress progress={source === "upload" ? progress : null} />
    </StudioForm>
  );
}
