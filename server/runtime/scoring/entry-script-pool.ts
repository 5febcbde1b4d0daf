import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { type ScoringError, scoringErrors } from "@/server/runtime/scoring/scoring-error";

// A deployment's instances for an entry script (Python or JavaScript): long-lived child processes, each
// answering one request at a time. Requests wait in one queue and go to whichever instance is free.
// A request past its timeout gets 504 and its instance is killed and started again (a script stuck in a
// loop would otherwise hold it forever); an instance that dies on its own is restarted with backoff.

/** `label` is how the log names the program (the sandbox's own command line is long and says little). */
export type HostCommand = { command: string; args: string[]; cwd: string; env: Record<string, string>; label?: string };
export type InstanceLog = (instance: number, stream: "stdout" | "stderr" | "system", text: string) => void;
export type PoolOptions = {
  host: HostCommand;
  instances: number;
  timeoutMs: number;
  startupTimeoutMs: number;
  log: InstanceLog;
};
export type ScriptAnswer = { ok: true; json: string } | { ok: false; message: string };

type Pending = {
  body: string;
  resolve: (json: string) => void;
  reject: (error: ScoringError) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
};
type Ready = { resolve: () => void; reject: (error: Error) => void };

const MAX_BACKOFF_MS = 30_000;

class Instance {
  child: ChildProcess | null = null;
  state: "starting" | "ready" | "busy" | "stopped" = "starting";
  current: { id: number; pending: Pending } | null = null;
  private nextId = 1;
  private answerBuffer = "";
  crashes = 0;
  private startTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Why the last start failed (init() raised, or the process could not start). */
  lastFailure: string | null = null;

  constructor(
    readonly index: number,
    private readonly pool: EntryScriptPool,
  ) {}

  start(ready?: Ready) {
    const { host, startupTimeoutMs, log } = this.pool.options;
    this.state = "starting";
    this.answerBuffer = "";
    const child: ChildProcess = spawn(host.command, host.args, {
      cwd: host.cwd,
      env: host.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
    });
    this.child = child;
    log(this.index, "system", `Starting instance ${this.index}: ${host.label ?? commandLine(host.command, host.args)}`);
    child.stdout?.setEncoding("utf8").on("data", (text: string) => log(this.index, "stdout", text));
    child.stderr?.setEncoding("utf8").on("data", (text: string) => log(this.index, "stderr", text));
    const answers = child.stdio[4] as Readable;
    answers.setEncoding("utf8");
    answers.on("data", (text: string) => this.onAnswers(text, ready));
    (child.stdio[3] as Writable).on("error", () => undefined);
    child.on("error", (error: Error) => {
      this.lastFailure = `The instance could not start: ${error.message}`;
      log(this.index, "system", this.lastFailure);
    });
    child.on("exit", (code: number | null, signal: NodeJS.Signals | null) => this.onExit(child, code, signal, ready));
    this.startTimer = setTimeout(() => {
      if (this.state !== "starting" || this.child !== child) return;
      this.lastFailure = `init() did not finish within ${startupTimeoutMs} ms.`;
      log(this.index, "system", this.lastFailure);
      child.kill("SIGKILL");
    }, startupTimeoutMs);
  }

  private onAnswers(text: string, ready?: Ready) {
    this.answerBuffer += text;
    let newline: number;
    while ((newline = this.answerBuffer.indexOf("\n")) >= 0) {
      const line = this.answerBuffer.slice(0, newline);
      this.answerBuffer = this.answerBuffer.slice(newline + 1);
      const first = line.indexOf(" ");
      const second = line.indexOf(" ", first + 1);
      const id = Number(line.slice(0, first));
      const kind = line.slice(first + 1, second);
      const payload = line.slice(second + 1);
      if (kind === "ready") {
        if (this.startTimer) clearTimeout(this.startTimer);
        this.state = "ready";
        this.lastFailure = null;
        this.pool.options.log(this.index, "system", `Instance ${this.index} is ready.`);
        ready?.resolve();
        this.pool.dispatch();
      } else if (kind === "initfail") {
        this.lastFailure = `init() failed: ${safeParse(payload)}`;
      } else if (this.current && this.current.id === id) {
        const { pending } = this.current;
        this.current = null;
        this.state = "ready";
        this.crashes = 0;
        if (kind === "ok") this.pool.settle(pending, { ok: true, json: payload });
        else if (kind === "invalid") this.pool.fail(pending, scoringErrors.badInput(safeParse(payload)));
        else this.pool.settle(pending, { ok: false, message: safeParse(payload) });
        this.pool.dispatch();
      }
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, ready?: Ready) {
    if (this.child !== child) return;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.child = null;
    const wasStarting = this.state === "starting";
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (this.current) {
      const { pending } = this.current;
      this.current = null;
      this.pool.fail(
        pending,
        scoringErrors.crashed(
          `The deployment's instance stopped (${how}) while scoring this request; it is being restarted.`,
        ),
      );
    }
    if (this.state === "stopped" || this.pool.isDisposed) return;
    if (wasStarting && ready) {
      // The first start: the deployment fails with the reason instead of retrying forever.
      this.state = "stopped";
      ready.reject(new Error(this.lastFailure ?? `The instance exited (${how}) before init() finished.`));
      return;
    }
    this.crashes += 1;
    const delay = this.pool.restartDelay(this.crashes, this.killedForTimeout);
    this.killedForTimeout = false;
    this.state = "starting";
    this.pool.options.log(this.index, "system", `Instance ${this.index} stopped (${how}); restarting in ${delay} ms.`);
    this.restartTimer = setTimeout(() => this.start(), delay);
  }

  killedForTimeout = false;

  send(pending: Pending) {
    const id = this.nextId++;
    this.current = { id, pending };
    this.state = "busy";
    (this.child!.stdio[3] as Writable).write(`${JSON.stringify({ id, body: pending.body })}\n`);
  }

  /** Ends the request in flight's instance (it overran its timeout); it restarts at once. */
  abandon() {
    this.current = null;
    this.killedForTimeout = true;
    this.child?.kill("SIGKILL");
  }

  stop() {
    this.state = "stopped";
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.child?.kill("SIGKILL");
  }
}

function commandLine(command: string, args: string[]): string {
  return [command, ...args].map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ");
}

function safeParse(payload: string): string {
  try {
    return String(JSON.parse(payload));
  } catch {
    return payload;
  }
}

export class EntryScriptPool {
  private readonly instances: Instance[];
  private readonly queue: Pending[] = [];
  isDisposed = false;

  constructor(readonly options: PoolOptions) {
    this.instances = Array.from({ length: options.instances }, (_, i) => new Instance(i + 1, this));
  }

  /** Starts every instance; resolves when all ran init(), rejects with the first failure's reason. */
  async start(): Promise<void> {
    await Promise.all(
      this.instances.map((instance) => new Promise<void>((resolve, reject) => instance.start({ resolve, reject }))),
    );
  }

  /** Sends a raw request body to run(); resolves with run()'s result as JSON text. */
  score(body: string): Promise<string> {
    if (this.isDisposed) return Promise.reject(scoringErrors.unavailable("The deployment is stopping."));
    return new Promise<string>((resolve, reject) => {
      const pending: Pending = {
        body,
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => this.onTimeout(pending), this.options.timeoutMs),
      };
      this.queue.push(pending);
      this.dispatch();
    });
  }

  dispatch() {
    while (this.queue.length) {
      const free = this.instances.find((i) => i.state === "ready");
      if (!free) return;
      free.send(this.queue.shift()!);
    }
  }

  settle(pending: Pending, answer: ScriptAnswer) {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (answer.ok) pending.resolve(answer.json);
    else pending.reject(scoringErrors.scriptError(answer.message));
  }

  fail(pending: Pending, error: ScoringError) {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  private onTimeout(pending: Pending) {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    const holder = this.instances.find((i) => i.current?.pending === pending);
    this.fail(pending, scoringErrors.timeout(this.options.timeoutMs));
    if (holder) {
      this.options.log(
        holder.index,
        "system",
        `A request ran past the timeout of ${this.options.timeoutMs} ms; instance ${holder.index} is restarted.`,
      );
      holder.abandon();
    }
  }

  restartDelay(crashes: number, afterTimeout: boolean): number {
    if (afterTimeout) return 0;
    return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.max(0, crashes - 1));
  }

  /** How many instances are up, for the deployment's page. */
  status(): { ready: number; total: number } {
    return {
      ready: this.instances.filter((i) => i.state === "ready" || i.state === "busy").length,
      total: this.instances.length,
    };
  }

  /** Pids of the running instances (tests kill one to see it restarted). */
  pids(): number[] {
    return this.instances.flatMap((i) => (i.child?.pid ? [i.child.pid] : []));
  }

  dispose() {
    this.isDisposed = true;
    for (const instance of this.instances) instance.stop();
    for (const pending of this.queue.splice(0))
      this.fail(pending, scoringErrors.unavailable("The deployment was stopped."));
  }
}
