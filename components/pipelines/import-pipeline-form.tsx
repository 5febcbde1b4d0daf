"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { FilePicker, type PickedFile } from "@/components/files/file-picker";
import { apiUpload } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";

type Imported = { id: string; name: string; warnings: string[] };

/**
 * Imports an Azure ML pipeline-job YAML: its folder (the pipeline YAML, the component YAMLs and their
 * code folders) or a .zip of it. Nothing is written unless all of it can be imported.
 */
export function ImportPipelineForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const id = useId();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [pipelinePath, setPipelinePath] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; errors: string[] } | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);

  const submit = async () => {
    setError(null);
    if (!files.length)
      return setError({ message: "Choose the pipeline's folder, its files, or a .zip of them.", errors: [] });
    const form = new FormData();
    if (pipelinePath.trim()) form.append("pipelinePath", pipelinePath.trim());
    for (const f of files) form.append("files", f.file, f.path);
    setProgress(0);
    const result = await apiUpload<Imported>(api.importPipeline(workspace), form, 201, setProgress);
    setProgress(null);
    if (!result.ok) {
      const details = (result.details as { errors?: unknown[] } | undefined)?.errors ?? [];
      return setError({
        message: result.message,
        errors: details.filter((e): e is string => typeof e === "string"),
      });
    }
    if (result.value.warnings.length) return setImported(result.value);
    router.push(pages.pipeline(workspace, result.value.id));
  };

  if (imported) {
    return (
      <div className="flex max-w-2xl flex-col gap-3">
        <Alert tone="info" title={`Imported "${imported.name}"`}>
          <p>Check these before you submit it:</p>
          <ul className="mt-1 list-disc pl-5">
            {imported.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
        <Link href={pages.pipeline(workspace, imported.id)} className="text-accent hover:underline">
          Open it in the designer
        </Link>
      </div>
    );
  }

  return (
    <form
      className="flex max-w-2xl flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FilePicker files={files} onChange={setFiles} noun="pipeline files" emptyText="No folder or .zip chosen yet." />
      <Field
        label="Pipeline YAML (optional)"
        htmlFor={`${id}-path`}
        hint="Only when the upload holds several YAMLs with type: pipeline, e.g. pipeline.yml or my-folder/pipeline.yml."
      >
        <Input
          id={`${id}-path`}
          value={pipelinePath}
          onChange={(e) => setPipelinePath(e.target.value)}
          maxLength={500}
        />
      </Field>
      {error ? (
        <Alert title="Nothing was imported">
          <p>{error.errors.length ? "The upload has these problems:" : error.message}</p>
          {error.errors.length ? (
            <ul className="mt-1 list-disc pl-5">
              {error.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" variant="primary" disabled={progress !== null}>
          {progress !== null ? `Importing… ${Math.round(progress * 100)}%` : "Import"}
        </Button>
      </div>
    </form>
  );
}
