import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { lstat, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { delimiter, dirname, join, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { firstProgram, ioVariable, renderCommand } from "@/lib/command-template";
import { checkRelativeFilePath, MAX_FILES_PER_VERSION } from "@/lib/file-paths";
import { IMPLICIT_OUTPUTS, type CommandJobSpec } from "@/lib/schemas/jobs";
import { artifactStore } from "@/server/artifacts/store";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import { env } from "@/server/env";
import { JobLogWriter } from "@/server/runtime/job-logs";
import { configuredPython, pythonShimDir } from "@/server/runtime/python-shim";
import { db } from "@/server/db";
import {
  environmentFor,
  EnvironmentRefusal,
  runtimeOf,
  type BuiltEnvironment,
  type EnvironmentAsker,
} from "@/server/environments/environment-builds";
import {
  sandboxedCommand,
  sandboxPath,
  sandboxStatus,
  SandboxUnavailableError,
} from "@/server/runtime/sandbox/sandbox";

/** What the runner knows about a job when it starts it. */
export type ClaimedJob = {
  id: string;
  name: string;
  workspace: string;
  command: string;
  spec: CommandJobSpec;
  code: { path: string; sha256: string }[];
  token: string;
  /** The environment it names (built, or reused, before the command starts). */
  environment: EnvironmentAsker;
};

export type CollectedFile = { output: string; path: string; size: number; sha256: string };

export type JobOutcome = {
  status: "completed" | "failed" | "canceled";
  exitCode: number | null;
  failureReason: string | null;
  outputs: CollectedFile[];
};

// Variables a job inherits from the studio's own environment; everything else (database URL, session
// secret) stays out of the child's reach. In the sandbox, PATH and HOME are the sandbox's own.
const INHERITED = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SHELL", "TERM"];
const SANDBOX_INHERITED = ["LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM"];

export function jobWorkDir(jobId: string): string {
  return join(env.dataDir, "jobs", jobId);
}

/**
 * Runs one job to its end: lays out its working folder (code, inputs, empty output folders), starts the
 * command under bash in its own process group, captures stdout and stderr, and collects the output
 * folders into the artifact store. `cancel` ends the whole process group.
 */
export class JobProcess {
  readonly logs: JobLogWriter;
  /** The collected outputs' blobs, held until the runner has recorded them (it releases these). */
  readonly holds = new BlobHolds();
  private child: ChildProcess | null = null;
  private isCanceled = false;
  private killTimer: NodeJS.Timeout | null = null;

  constructor(private readonly job: ClaimedJob) {
    this.logs = new JobLogWriter(job.id, env.STUDIO_JOB_LOG_MAX_BYTES);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  cancel(): void {
    if (this.isCanceled) return;
    this.isCanceled = true;
    this.logs.system("Cancel requested: stopping the job's processes (SIGTERM, then SIGKILL after 5 s).");
    this.signal("SIGTERM");
    this.killTimer = setTimeout(() => this.signal("SIGKILL"), 5000);
  }

  /** Ends the process group at once (studio shutting down). Synchronous, so it works in an exit handler. */
  kill(): void {
    this.signal("SIGKILL");
  }

  private signal(signal: NodeJS.Signals) {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  async run(): Promise<JobOutcome> {
    const work = jobWorkDir(this.job.id);
    try {
      const prepared = await this.prepare(work);
      const { cwd, inputs } = prepared;
      const outputs = { ...prepared.outputs, ...prepared.implicit };
      if (this.isCanceled) return { status: "canceled", exitCode: null, failureReason: null, outputs: [] };
      let built: BuiltEnvironment | null;
      try {
        built = await environmentFor(this.job.environment, (line) => this.logs.system(line));
      } catch (error) {
        if (!(error instanceof EnvironmentRefusal)) throw error;
        const reason = `The job was not run: ${error.message}`;
        this.logs.system(reason);
        return { status: "failed", exitCode: null, failureReason: reason, outputs: [] };
      }
      await db.job.update({
        where: { id: this.job.id },
        data: { environmentBuildId: built?.buildId ?? null, runtime: JSON.stringify(runtimeOf(built)) },
      });
      if (this.isCanceled) return { status: "canceled", exitCode: null, failureReason: null, outputs: [] };
      const exit = await this.execute(work, cwd, inputs, prepared.outputs, built, Object.values(prepared.implicit));
      if (this.isCanceled) {
        this.logs.system("The job was canceled.");
        return {
          status: "canceled",
          exitCode: exit.code,
          failureReason: null,
          outputs: await this.collectQuietly(outputs),
        };
      }
      if (exit.code === 0) {
        const collected = await this.collect(outputs);
        this.logs.system(`The command exited with code 0; collected ${collected.length} output file(s).`);
        return { status: "completed", exitCode: 0, failureReason: null, outputs: collected };
      }
      const reason = this.explainFailure(exit);
      this.logs.system(reason);
      return {
        status: "failed",
        exitCode: exit.code,
        failureReason: reason,
        outputs: await this.collectQuietly(outputs),
      };
    } catch (error) {
      const reason = `The runner could not run the job: ${(error as Error).message}`;
      this.logs.system(reason);
      return { status: "failed", exitCode: null, failureReason: reason, outputs: [] };
    } finally {
      if (this.killTimer) clearTimeout(this.killTimer);
      await this.logs.flush();
      await rm(work, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private explainFailure(exit: { code: number | null; signal: NodeJS.Signals | null; refusal?: string }): string {
    if (exit.refusal) return `The job was not run: ${exit.refusal}`;
    if (exit.code === 127) {
      return `Exit code 127: the command "${firstProgram(this.job.command)}" (or one it calls) was not found on this machine. Local compute runs jobs with the machine's own programs; python and python3 mean ${pythonLabel()}.`;
    }
    if (exit.code === 126)
      return `Exit code 126: "${firstProgram(this.job.command)}" could not be executed (is it executable?).`;
    if (exit.signal) return `The command was ended by signal ${exit.signal}.`;
    return `The command exited with code ${exit.code}.`;
  }

  private async prepare(work: string) {
    await rm(work, { recursive: true, force: true });
    const cwd = join(work, "code");
    await mkdir(cwd, { recursive: true });
    for (const file of this.job.code) await this.materialize(join(cwd, file.path), file.sha256);
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(this.job.spec.inputs)) {
      if (input.type === "literal") {
        inputs[name] = input.value;
        continue;
      }
      const folder = join(work, "inputs", name);
      await mkdir(folder, { recursive: true });
      for (const file of input.files) await this.materialize(join(folder, file.path), file.sha256);
      inputs[name] = input.kind === "file" && input.files.length === 1 ? join(folder, input.files[0].path) : folder;
      this.logs.system(`Input ${name}: data asset ${input.asset} at ${inputs[name]}`);
    }
    const outputs: Record<string, string> = {};
    await mkdir(join(work, "outputs"), { recursive: true });
    for (const name of this.job.spec.outputs) {
      outputs[name] = join(work, "outputs", name);
      await mkdir(outputs[name], { recursive: true });
    }
    // The job's scratch folder (HOME): with its outputs, the only place it may write to on disk.
    await mkdir(join(work, "home"), { recursive: true });
    // Azure ML's conventions: what the command writes to ./outputs and ./logs (in its read-only code folder)
    // is kept as outputs of those names, unless it declares outputs so named.
    const implicit: Record<string, string> = {};
    for (const name of IMPLICIT_OUTPUTS) {
      if (this.job.spec.outputs.includes(name)) continue;
      const folder = join(cwd, name);
      if (existsSync(folder)) continue; // the code has such a file or folder of its own: left as it is
      await mkdir(folder);
      implicit[name] = folder;
    }
    return { cwd, inputs, outputs, implicit };
  }

  private async materialize(target: string, sha256: string) {
    await mkdir(dirname(target), { recursive: true });
    await pipeline(await artifactStore.open(sha256), createWriteStream(target, { mode: 0o755 }));
  }

  private execute(
    work: string,
    cwd: string,
    inputs: Record<string, string>,
    outputs: Record<string, string>,
    built: BuiltEnvironment | null,
    writableInsideCode: string[],
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; refusal?: string }> {
    const command = renderCommand(this.job.command, inputs, outputs);
    const isSandboxed = sandboxStatus().isSandboxed;
    const childEnv: Record<string, string> = {};
    for (const key of isSandboxed ? SANDBOX_INHERITED : INHERITED)
      if (process.env[key] !== undefined) childEnv[key] = process.env[key]!;
    const shim = isSandboxed ? null : pythonShimDir();
    childEnv.PATH = isSandboxed
      ? sandboxPath()
      : [shim?.dir, childEnv.PATH ?? "/usr/local/bin:/usr/bin:/bin"].filter(Boolean).join(delimiter);
    if (isSandboxed) childEnv.HOME = join(work, "home");
    if (built) {
      // The built environment's python, pip and scripts come first, as an activated virtual environment's do.
      childEnv.PATH = [join(built.venv, "bin"), childEnv.PATH].join(delimiter);
      childEnv.VIRTUAL_ENV = built.venv;
    }
    // The job's own variables first: what the studio sets below cannot be overridden (the schema refuses those names too).
    Object.assign(childEnv, this.job.spec.environmentVariables ?? {});
    Object.assign(childEnv, {
      MLOPS_STUDIO_URL: env.studioUrl,
      MLOPS_STUDIO_TOKEN: this.job.token,
      MLOPS_STUDIO_WORKSPACE: this.job.workspace,
      MLOPS_STUDIO_JOB: this.job.name,
      PYTHONUNBUFFERED: "1",
    });
    for (const [name, value] of Object.entries(inputs)) childEnv[ioVariable("input", name)] = value;
    // A pipeline step's input that is another step's output also says which: "<job>/<output>" (a step that
    // registers a model from it names that job and output to the API).
    for (const [name, input] of Object.entries(this.job.spec.inputs)) {
      if (input.type === "data" && input.fromJob)
        childEnv[`${ioVariable("input", name)}_FROM`] = `${input.fromJob.job}/${input.fromJob.output}`;
    }
    for (const [name, value] of Object.entries(outputs)) childEnv[ioVariable("output", name)] = value;

    let spawnable;
    try {
      // Code and inputs are read-only; the outputs and the scratch folder are all it may write.
      spawnable = sandboxedCommand({
        command: "bash",
        args: ["-c", command],
        cwd,
        env: childEnv,
        writable: [join(work, "outputs"), join(work, "home")],
        writableInside: writableInsideCode,
        readOnly: [
          cwd,
          ...(existsSync(join(work, "inputs")) ? [join(work, "inputs")] : []),
          ...(built?.readOnly ?? []),
        ],
      });
    } catch (error) {
      if (!(error instanceof SandboxUnavailableError)) throw error;
      return Promise.resolve({ code: null, signal: null, refusal: error.message });
    }
    this.logs.system(`Running on local compute (${hostname()}), ${sandboxStatus().summary}: ${command}`);
    this.logs.system(
      built
        ? `python and python3 mean the environment's Python ${built.pythonVersion} (${built.packages.length} packages)`
        : `python and python3 mean ${pythonLabel()}`,
    );
    return new Promise((resolve) => {
      const child = spawn(spawnable.command, spawnable.args, {
        cwd: spawnable.cwd,
        env: spawnable.env as NodeJS.ProcessEnv,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      this.child = child;
      child.stdout!.setEncoding("utf8").on("data", (text: string) => this.logs.write("stdout", text));
      child.stderr!.setEncoding("utf8").on("data", (text: string) => this.logs.write("stderr", text));
      child.once("error", (error) => {
        this.logs.system(`Could not start the command: ${error.message}`);
        resolve({ code: null, signal: null });
      });
      child.once("close", (code, signal) => resolve({ code, signal }));
      // Recorded so that a restarted studio can end a job its crashed predecessor left running.
      if (child.pid)
        void writeFile(
          join(work, "process.json"),
          JSON.stringify({ pid: child.pid, host: hostname(), job: this.job.name }),
          { mode: 0o600 },
        ).catch(() => undefined);
    });
  }

  private async collectQuietly(outputs: Record<string, string>): Promise<CollectedFile[]> {
    try {
      return await this.collect(outputs);
    } catch (error) {
      this.logs.system(`Outputs were not collected: ${(error as Error).message}`);
      return [];
    }
  }

  /** Stores every regular file under each output folder. Links are skipped: they could point anywhere. */
  private async collect(outputs: Record<string, string>): Promise<CollectedFile[]> {
    const collected: CollectedFile[] = [];
    for (const [name, folder] of Object.entries(outputs)) {
      const files = await walk(folder);
      if (files.length > MAX_FILES_PER_VERSION)
        throw new Error(`output "${name}" holds ${files.length} files; at most ${MAX_FILES_PER_VERSION} are kept.`);
      for (const file of files) {
        const path = relative(folder, file).split(sep).join("/");
        const check = checkRelativeFilePath(path);
        if (!check.ok) {
          this.logs.system(`Skipped output file: ${check.message}`);
          continue;
        }
        const blob = await artifactStore.put(createReadStream(file), { holds: this.holds });
        collected.push({ output: name, path, ...blob });
      }
    }
    return collected;
  }
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile() && (await lstat(full)).isFile()) found.push(full);
  }
  return found;
}

function pythonLabel(): string {
  return configuredPython() ?? "the python3 on PATH (none was found)";
}
