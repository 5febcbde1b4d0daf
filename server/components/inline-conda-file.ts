import "server-only";
import { relativeFileOf } from "@/lib/components/code-folder";
import { checkCondaYaml, MAX_CONDA_BYTES } from "@/lib/conda-yaml";
import { invalid } from "@/lib/errors";
import type { ComponentEnvironment } from "@/lib/pipeline/types";
import { readUploadedText } from "@/server/artifacts/downloads";

/**
 * An inline environment's `conda_file: ./conda.yml` (in a component or a job YAML), read from the upload next to
 * the YAML, as Azure ML's CLI reads it, and checked as conda would read it; the environment answered holds its text.
 */
export async function withInlineCondaFile(
  environment: ComponentEnvironment | null,
  yamlPath: string,
  uploaded: { path: string; size: number; sha256: string }[],
): Promise<ComponentEnvironment | null> {
  if (environment?.kind !== "inline" || !environment.condaFilePath || environment.condaFile !== null)
    return environment;
  const path = relativeFileOf(yamlPath, environment.condaFilePath);
  const file = path === null ? undefined : uploaded.find((f) => f.path === path);
  if (!file)
    throw invalid(
      `The YAML names the conda file "${environment.condaFilePath}", but the upload has no such file; upload the folder that holds the YAML and its conda file.`,
      { field: "environment.conda_file" },
    );
  const text = await readUploadedText(file, MAX_CONDA_BYTES);
  const check = checkCondaYaml(text);
  if (!check.ok) throw invalid(`${file.path}: ${check.message}`, { field: "environment.conda_file" });
  return { ...environment, condaFile: text };
}
