// `studio schedule …`, shaped after `az ml schedule …`: create from Azure ML's schedule YAML (its trigger; a
// `create_job` that is a local pipeline YAML is imported first and the schedule runs that pipeline, one that
// names a job, `azureml:<job>`, runs it again), list, show, delete.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { getJson, sendForm, sendJson } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { yamlFolderForm } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";
import { readYamlMapping } from "../yaml-file.mjs";

const COLUMNS = [
  ["NAME", (s) => s.name],
  ["ID", (s) => s.id],
  ["ENABLED", (s) => s.isEnabled],
  ["WHEN", (s) => s.summary],
  ["NEXT RUN", (s) => s.nextFireAt],
];

/** The schedule's target when create_job is a local YAML: a pipeline, imported as a draft first. */
async function targetFromFile(base, file, context) {
  const job = readYamlMapping(file, "a job");
  if (job.type !== "pipeline")
    throw new CliError(
      `${file}: a schedule here runs a pipeline (a local pipeline YAML) or a job again (azureml:<job name>); a command job YAML is neither. Submit it once and name that job.`,
      EXIT.usage,
    );
  const pipeline = await sendForm("POST", `${base}/pipelines/import`, yamlFolderForm(file, "pipelinePath"), {
    progress: context.progress,
  });
  for (const w of pipeline.warnings ?? []) context.warn(w);
  context.info(`Imported ${file} as pipeline ${pipeline.name} (${pipeline.id}); the schedule runs its draft.`);
  return { kind: "pipeline", pipeline: pipeline.id, version: "draft" };
}

export function registerScheduleCommands(program, context) {
  const schedule = program.command("schedule").description("Schedules that run pipelines and jobs");

  scopeOptions(schedule.command("create").description("Create a schedule from Azure ML's schedule YAML"))
    .requiredOption("-f, --file <file>", "the schedule YAML (name, trigger, create_job)")
    .option("--disabled", "create it disabled")
    .action(async (options) => {
      const base = scopePath(options);
      const doc = readYamlMapping(options.file, "a schedule");
      const createJob = doc.create_job;
      const target =
        typeof createJob === "string" && !createJob.startsWith("azureml:")
          ? await targetFromFile(base, resolve(dirname(options.file), createJob), context)
          : undefined;
      const created = await sendJson("POST", `${base}/schedules`, {
        yaml: readFileSync(options.file, "utf8"),
        ...(target ? { target } : {}),
        ...(options.disabled ? { isEnabled: false } : {}),
      });
      for (const w of created.warnings ?? []) context.warn(w);
      print(created, context.output(options), COLUMNS);
    });

  scopeOptions(schedule.command("list").description("The workspace's schedules")).action(async (options) => {
    print((await getJson(`${scopePath(options)}/schedules`)).items, context.output(options), COLUMNS);
  });

  scopeOptions(schedule.command("show").description("One schedule"))
    .requiredOption("-n, --name <name>", "the schedule's name or id")
    .action(async (options) => {
      print(await findSchedule(scopePath(options), options.name), context.output(options), COLUMNS);
    });

  scopeOptions(schedule.command("delete").description("Delete a schedule (its past runs stay)"))
    .requiredOption("-n, --name <name>", "the schedule's name or id")
    .action(async (options) => {
      const base = scopePath(options);
      const found = await findSchedule(base, options.name);
      await sendJson("DELETE", `${base}/schedules/${encodeURIComponent(found.id)}`);
      context.info(`Deleted schedule ${found.name}`);
    });
}

async function findSchedule(base, nameOrId) {
  const { items } = await getJson(`${base}/schedules`);
  const found = items.find((s) => s.id === nameOrId || s.name === nameOrId);
  if (!found) throw new CliError(`No schedule "${nameOrId}" here.`, EXIT.notFound);
  return found;
}
