"use client";
import { StudioForm } from "@/components/ui/studio-form";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FilePicker, UploadProgress, type PickedFile } from "@/components/files/file-picker";
import { apiRequest, apiUpload, jsonInit, type RequestResult } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import type { ScopeRef } from "@/lib/scopes";
import { Field, Select, Textarea } from "@/components/ui/input";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { checkUploadPaths } from "@/lib/file-paths";
import { formatBytes } from "@/lib/format";
import Link from "next/link";
import { Alert } from "@/components/ui/misc";

type Registered = { name: string; version: number; warnings: string[] };
type Problem = { line: number | null; message: string };

/** Registers a component: the folder holding its Azure ML YAML and code, or a pasted YAML for a component without code. */
export function ComponentForm({ scope, maxBytes }: { scope: ScopeRef; maxBytes: number }) {
  const router = useRouter();
  const [source, setSource] = useState<"folder" | "yaml">("folder");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [yamlPath, setYamlPath] = useState("");
  const [yaml, setYaml] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const yamlFiles = files.filter((f) => /\.ya?ml$/i.test(f.path));

  const apiUrl = api.assets(scope, "components");
  /** 201 for a new version, 200 when the same component was registered before. */
  const finish = (result: RequestResult<Registered>) => {
    setProgress(null);
    if (result.ok) {
      if (result.value.warnings.length) return setRegistered(result.value);
      router.push(pages.assetVersion(scope, "components", result.value.name, result.value.version));
      router.refresh();
      return;
    }
    const problems = (result.details as { errors?: Problem[] } | undefined)?.errors ?? [];
    setError({ message: result.message, problems });
  };

  const submit = async () => {
    setError(null);
    if (source === "yaml") {
      setProgress(0);
      return finish(await apiRequest<Registered>(apiUrl, jsonInit("POST", { yaml }), [201, 200]));
    }
    const paths = checkUploadPaths(files.map((f) => f.path));
    if (!paths.ok) return setError({ message: paths.message, problems: [] });
    const total = files.reduce((sum, f) => sum + f.file.size, 0);
    if (total > maxBytes)
      return setError({
        message: `The files add up to ${formatBytes(total)}, over the limit of ${formatBytes(maxBytes)}.`,
        problems: [],
      });
    const body = new FormData();
    if (yamlPath) body.set("yamlPath", yamlPath);
    for (const f of files) body.append("files", f.file, f.path);
    setProgress(0);
    finish(await apiUpload<Registered>(apiUrl, body, [201, 200], setProgress));
  };

  const isReady = source === "folder" ? yamlFiles.length > 0 : yaml.trim() !== "";
  if (registered) {
    return (
      <div className="flex max-w-2xl flex-col gap-3">
        <Alert tone="info" title={`Registered ${registered.name}:${registered.version}`}>
          <p>The YAML holds what the studio does not use:</p>
          <ul className="mt-1 list-disc pl-5">
            {registered.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
        <Link
          href={pages.assetVersion(scope, "components", registered.name, registered.version)}
          className="text-accent hover:underline"
        >
          Open the component
        </Link>
      </div>
    );
  }
  return (
    <StudioForm
      label="Register a component"
      onSubmit={() => void submit()}
      error={
        error ? (
          error.problems.length ? (
            <ul className="list-disc pl-5">
              {error.problems.map((p, i) => (
                <li key={i}>{p.line === null ? p.message : `Line ${p.line}: ${p.message}`}</li>
              ))}
            </ul>
          ) : (
            error.message
          )
        ) : null
      }
      errorTitle="The component was not registered"
      submitLabel="Register component"
      pendingLabel="Registering…"
      isPending={progress !== null}
      canSubmit={isReady}
    >
      <p className="text-sm text-muted">
        Components use Azure Machine Learning&apos;s command-component YAML (CLI v2): name, version, inputs and outputs
        with types, a command with <code className="font-mono">{"${{inputs.x}}"}</code> and{" "}
        <code className="font-mono">{"${{outputs.y}}"}</code>, an environment and a code folder. A YAML that names its
        version keeps it; without one it gets the next.
      </p>
      <SegmentedControl
        label="What to register"
        value={source}
        onChange={(id) => setSource(id as "folder" | "yaml")}
        options={[
          { id: "folder", label: "Folder (YAML and code)" },
          { id: "yaml", label: "YAML only" },
        ]}
      />
      {source === "folder" ? (
        <div className="flex flex-col gap-3">
          <p className="text-xs text-muted">
            Pick the folder that holds the component YAML and the code folder it names (e.g. component.yml and src/). Up
            to {formatBytes(maxBytes)}.
          </p>
          <FilePicker files={files} onChange={setFiles} />
          {yamlFiles.length > 1 ? (
            <Field
              label="Component YAML"
              htmlFor="component-yaml-path"
              hint="The folder holds several YAML files: which one is the component?"
            >
              <Select id="component-yaml-path" value={yamlPath} onChange={(e) => setYamlPath(e.target.value)}>
                <option value="">The command component nearest the top</option>
                {yamlFiles.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.path}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </div>
      ) : (
        <Field
          label="Component YAML"
          htmlFor="component-yaml"
          hint="For a component whose command needs no code folder."
        >
          <Textarea
            id="component-yaml"
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            rows={14}
            className="font-mono text-xs"
            placeholder={"name: say_hello\nversion: 1\ntype: command\ncommand: echo hello"}
          />
        </Field>
      )}
      <UploadProgress progress={source === "folder" ? progress : null} />
    </StudioForm>
  );
}
