// `studio job …`, shaped after `az ml job …`: create from Azure ML's command or pipeline job YAML (the YAML's
// folder is uploaded, with the code it names), stream a job's logs and status to its end (the exit code says
// how it ended), show, list and cancel.
import { getJson, sendForm, sendJson } from "../client.mjs";
import { EXIT } from "../errors.mjs";
import { yamlFolderForm } from "../files.mjs";
import { print } from "../output.mjs";
import { scopeOptions, scopePath } from "../scope.mjs";
import { readYamlMapping } from "../yaml-file.mjs";

const COLUMNS = [
  ["NAME", (j) => j.name],
  ["DISPLAY NAME", (j) => j.displayName],
  ["KIND", (j) => j.kind],
  ["STATUS", (j) => j.status],
  ["EXPERIMENT", (j) => j.experiment],
  ["CREATED", (j) => j.createdAt],
];
const FINAL = new Set(["completed", "failed", "canceled"]);
const POLL_MS = 250;

function yamlType(file) {
  return readYamlMapping(file, "a job").type ?? "command";
}

/** Creates the job the YAML describes; a pipeline is imported as a draft and submitted. Answers the job. */
async function createJob(base, file, context) {
  if (yamlType(file) === "pipeline") {
    const pipeline = await sendForm("POST", `${base}/pipelines/import`, yamlFolderForm(file, "pipelinePath"), {
      progress: context.progress,
    });
    for (const w of pipeline.warnings ?? []) context.warn(w);
    return sendJson("POST", `${base}/pipelines/${encodeURIComponent(pipeline.id)}/submit`, {});
  }
  const job = await sendForm("POST", `${base}/command-jobs`, yamlFolderForm(file, "yamlPath"), {
    progress: context.progress,
  });
  for (const w of job.warnings ?? []) context.warn(w);
  return job;
}

/**
 * Prints a job's log as it is written (a pipeline's: each step's, prefixed with the step) and its status
 * changes, until it ends; answers the job as it ended.
 */
async function streamJob(base, name, context) {
  const cursors = new Map();
  const statuses = new Map();
  const printLogs = async (job, prefix) => {
    for (;;) {
      const after = cursors.get(job) ?? 0;
      const page = await getJson(`${base}/jobs/${encodeURIComponent(job)}/logs?after=${after}&limit=500`);
      for (const chunk of page.chunks) {
        const text = prefix ? chunk.text.replace(/^(?=.)/gm, prefix) : chunk.text;
        (chunk.stream === "stderr" ? process.stderr : process.stdout).write(text);
      }
      cursors.set(job, page.next);
      if (page.chunks.length < 500) return;
    }
  };
  const say = (key, status, label) => {
    if (statuses.get(key) === status) return;
    statuses.set(key, status);
    context.info(`${label}: ${status}`);
  };
  for (;;) {
    const job = await getJson(`${base}/jobs/${encodeURIComponent(name)}`);
    say(name, job.status, `job ${name}`);
    if (job.kind === "pipeline") {
      for (const step of job.steps) {
        say(step.job, step.status, `step ${step.step} (${step.job})`);
        if (step.status !== "waiting" && step.status !== "queued") await printLogs(step.job, `[${step.step}] `);
      }
    } else if (job.status !== "queued") await printLogs(name, "");
    if (FINAL.has(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The exit code a CI step gets for a job that ended so: 0 only when it completed. */
function exitFor(job, context) {
  if (job.status === "completed") return EXIT.ok;
  context.warn(`job ${job.name} ${job.status}${job.failureReason ? `: ${job.failureReason}` : ""}`);
  return EXIT.failed;
}

export function registerJobCommands(program, context) {
  const job = program.command("job").description("Command and pipeline jobs");

  scopeOptions(job.command("create").description("Submit a job from Azure ML's command or pipeline job YAML"))
    .requiredOption("-f, --file <file>", "the job YAML; its folder (with the code it names) is uploaded")
    .option("--stream", "print the job's logs until it ends; the exit code is 0 only if it completed")
    .action(async (options) => {
      const base = scopePath(options);
      const created = await createJob(base, options.file, context);
      if (!options.stream) return print(created, context.output(options), COLUMNS);
      context.info(`Submitted job ${created.name}; streaming its logs (Ctrl-C stops watching, not the job).`);
      const ended = await streamJob(base, created.name, context);
      process.exitCode = exitFor(ended, context);
    });

  scopeOptions(job.command("stream").description("Print a job's logs until it ends; exit 0 only if it completed"))
    .requiredOption("-n, --name <name>", "the job")
    .action(async (options) => {
      const ended = await streamJob(scopePath(options), options.name, context);
      process.exitCode = exitFor(ended, context);
    });

  scopeOptions(job.command("show").description("One job"))
    .requiredOption("-n, --name <name>", "the job")
    .action(async (options) => {
      print(
        await getJson(`${scopePath(options)}/jobs/${encodeURIComponent(options.name)}`),
        context.output(options),
        COLUMNS,
      );
    });

  scopeOptions(job.command("list").description("The newest jobs"))
    .option("--experiment <name>", "only this experiment's")
    .option("--status <status>", "only jobs with this status")
    .action(async (options) => {
      const query = new URLSearchParams({ limit: "50" });
      if (options.experiment) query.set("experiment", options.experiment);
      if (options.status) query.set("status", options.status);
      print((await getJson(`${scopePath(options)}/jobs?${query}`)).items, context.output(options), COLUMNS);
    });

  scopeOptions(job.command("cancel").description("Cancel a queued or running job"))
    .requiredOption("-n, --name <name>", "the job")
    .action(async (options) => {
      const canceled = await sendJson("POST", `${scopePath(options)}/jobs/${encodeURIComponent(options.name)}/cancel`);
      print(canceled, context.output(options), COLUMNS);
    });
}
