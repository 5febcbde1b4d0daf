import "server-only";
import { filesInCodeFolder } from "@/lib/components/code-folder";
import { invalid } from "@/lib/errors";
import { parseCommandJobYaml, type CommandJobYaml } from "@/lib/jobs/command-job-yaml";
import type { JobDto } from "@/lib/schemas/dto";
import { invalidYaml, MAX_YAML_BYTES } from "@/lib/yaml-source";
import type { Actor } from "@/server/auth/actor";
import { readUploadedText } from "@/server/artifacts/downloads";
import { resolveYamlEnvironment } from "@/server/assets/anonymous-environment";
import { withInlineCondaFile } from "@/server/components/inline-conda-file";
import type { StoredAssetFile } from "@/server/assets/insert-asset-version";
import { submitCommandJob } from "@/server/jobs/submit-command-job";
import { requireScope } from "@/server/scopes/scope-access";

/**
 * Submits a command job written as Azure ML's command job YAML (`az ml job create -f job.yml`), from a folder
 * upload holding the YAML (`yamlPath`) and the code folder it names. Answers the job and the warnings
 * (keys that change nothing here, an environment that is not registered here).
 */
export async function submitCommandJobYaml(
  actor: Actor,
  workspace: string,
  yamlPath: string,
  uploaded: StoredAssetFile[],
): Promise<{ job: JobDto; warnings: string[] }> {
  await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const yamlFile = uploaded.find((f) => f.path === yamlPath);
  if (!yamlFile) throw invalid(`The upload has no file "${yamlPath}".`);
  const parsed = parseCommandJobYaml(await readUploadedText(yamlFile, MAX_YAML_BYTES));
  if (!parsed.ok) throw invalidYaml(yamlPath, "command job", parsed.errors);
  const { job } = parsed;
  const warnings = [...parsed.warnings];
  const environment = await environmentOf(actor, workspace, job, yamlPath, uploaded, warnings);
  const submitted = await submitCommandJob(
    actor,
    workspace,
    {
      experiment: job.experiment ?? "default",
      ...(job.displayName ? { displayName: job.displayName } : {}),
      command: job.command,
      ...(environment ? { environment } : {}),
      inputs: job.inputs,
      outputs: job.outputs,
      environmentVariables: job.environmentVariables,
      tags: job.tags,
    },
    filesInCodeFolder(job.code, yamlPath, uploaded),
  );
  return { job: submitted, warnings };
}

/** The studio's reference for the job's environment; an inline one with a conda file is registered anonymously. */
async function environmentOf(
  actor: Actor,
  workspace: string,
  job: CommandJobYaml,
  yamlPath: string,
  uploaded: StoredAssetFile[],
  warnings: string[],
): Promise<string | null> {
  if (!job.environment) return null;
  const environment = await withInlineCondaFile(job.environment, yamlPath, uploaded);
  const resolved = await resolveYamlEnvironment(actor, workspace, environment!);
  if (resolved.kind === "registered") return resolved.label;
  warnings.push(
    resolved.kind === "unregistered"
      ? `Environment ${resolved.reference} is not registered here: the job runs on the machine's Python. Register it (studio environment create) to have it built.`
      : `The image ${resolved.image} is not run on local compute: the job uses the machine's Python (it is recorded for packaging only when registered as an environment).`,
  );
  return null;
}
