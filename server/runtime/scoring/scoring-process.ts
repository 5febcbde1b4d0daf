import "server-only";
import cluster, { type Worker } from "node:cluster";
import { mkdirSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname } from "node:path";
import { env } from "@/server/env";
import { scoringControlSocket } from "@/server/runtime/scoring/scoring-control";

// The scoring service in processes of its own, so that nothing the web app does (an import, an upload,
// a slow page) can stall a scoring URL, and the web app can restart without dropping scoring. npm start
// runs this beside the web app (scripts/start.mjs supervises both).
//
// The primary forks STUDIO_SCORING_WORKERS workers, restarts one that dies, and answers the web app on a
// control socket (invalidate an endpoint, bring deployments up, stop deleted ones, test calls, instance
// counts), passing each request on to the workers. Each worker runs a scoring service and listens on the
// scoring port (the workers share it); its router splits its own requests exactly by the traffic
// percentages, as one studio process does.

type Command =
  | { type: "invalidate"; endpointId: string }
  | { type: "provision" }
  | { type: "forget"; deploymentIds: string[] }
  | {
      type: "score";
      request: {
        workspace: string;
        endpoint: string;
        body: string;
        deployment?: string | null;
        requestId?: string | null;
        isQuiet?: boolean;
      };
    }
  | { type: "status"; deploymentId: string };

type Envelope = { id: number; command: Command };
type Reply = { id: number; result: unknown };

const RESTART_MS = [250, 500, 1000, 2000, 5000];

async function primary() {
  const workerCount = env.STUDIO_SCORING_WORKERS;
  const workers = new Set<Worker>();
  let isStopping = false;
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  let crashes = 0;

  const fork = () => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on("message", (reply: Reply) => {
      pending.get(reply.id)?.(reply.result);
      pending.delete(reply.id);
    });
    worker.on("exit", (code, signal) => {
      workers.delete(worker);
      if (isStopping) return;
      const delay = RESTART_MS[Math.min(crashes++, RESTART_MS.length - 1)];
      console.error(
        `[scoring] worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another in ${delay} ms`,
      );
      setTimeout(() => {
        if (!isStopping) fork();
      }, delay);
    });
    worker.on("listening", () => {
      crashes = 0;
    });
  };
  for (let i = 0; i < workerCount; i++) fork();

  /** Sends a command to the given workers; resolves with their answers (a worker that does not answer in time is left out). */
  const ask = (targets: Worker[], command: Command, timeoutMs: number) =>
    Promise.all(
      targets.map(
        (worker) =>
          new Promise<unknown>((resolve) => {
            const id = nextId++;
            const timer = setTimeout(() => {
              pending.delete(id);
              resolve(undefined);
            }, timeoutMs);
            pending.set(id, (result) => {
              clearTimeout(timer);
              resolve(result);
            });
            worker.send({ id, command } satisfies Envelope);
          }),
      ),
    );
  let turn = 0;
  const oneWorker = () => {
    const all = [...workers];
    return all.length ? [all[turn++ % all.length]] : [];
  };

  const socket = scoringControlSocket();
  mkdirSync(dirname(socket), { recursive: true, mode: 0o700 });
  rmSync(socket, { force: true });
  const control = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse) {
    const send = (status: number, body: unknown) => {
      const text = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json" }).end(text);
    };
    try {
      const url = new URL(req.url ?? "/", "http://scoring.invalid");
      const body = req.method === "POST" ? await readJson(req) : {};
      switch (`${req.method} ${url.pathname}`) {
        case "POST /invalidate":
          await ask([...workers], { type: "invalidate", endpointId: String(body.endpointId) }, 2_000);
          return send(204, undefined);
        case "POST /provision":
          void ask(oneWorker(), { type: "provision" }, 1_000);
          return send(204, undefined);
        case "POST /forget":
          await ask([...workers], { type: "forget", deploymentIds: (body.deploymentIds as string[]) ?? [] }, 5_000);
          return send(204, undefined);
        case "POST /score": {
          const [outcome] = await ask(
            oneWorker(),
            { type: "score", request: body as Extract<Command, { type: "score" }>["request"] },
            125_000,
          );
          return outcome ? send(200, outcome) : send(503, { error: "no scoring worker answered" });
        }
        case "GET /status": {
          const answers = (await ask(
            [...workers],
            { type: "status", deploymentId: url.searchParams.get("deployment") ?? "" },
            2_000,
          )) as ({ ready: number; total: number } | null | undefined)[];
          const running = answers.filter((a): a is { ready: number; total: number } => !!a);
          return send(
            200,
            running.length
              ? { ready: running.reduce((n, a) => n + a.ready, 0), total: running.reduce((n, a) => n + a.total, 0) }
              : null,
          );
        }
        default:
          return send(404, { error: "unknown control request" });
      }
    } catch (error) {
      send(400, { error: (error as Error).message });
    }
  }
  control.listen(socket, () =>
    console.log(
      `[scoring] ${workerCount} worker${workerCount > 1 ? "s" : ""} on port ${env.scoringPort}; control socket ready`,
    ),
  );

  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    control.close();
    rmSync(socket, { force: true });
    for (const worker of workers) worker.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3_000).unref();
    const check = setInterval(() => {
      if (!workers.size) {
        clearInterval(check);
        process.exit(0);
      }
    }, 50);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Started by the supervisor with an IPC channel: when it goes away (even killed), so does scoring.
  process.on("disconnect", stop);
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
    req.on("error", reject);
  });
}

async function worker() {
  const { scoringService } = await import("@/server/runtime/scoring/scoring-service");
  const { createScoringListener } = await import("@/server/runtime/scoring/scoring-listener");
  const service = scoringService().start();
  const listener = createScoringListener(service, { maxBodyBytes: env.STUDIO_SCORING_MAX_BODY_BYTES });
  listener.listen(env.scoringPort, env.HOST);
  process.on("message", async ({ id, command }: Envelope) => {
    let result: unknown = null;
    try {
      if (command.type === "invalidate") service.invalidate(command.endpointId);
      else if (command.type === "provision") await service.provision();
      else if (command.type === "forget")
        command.deploymentIds.forEach((deploymentId) => service.stopRuntime(deploymentId));
      else if (command.type === "score") result = await service.score({ ...command.request, skipKeyCheck: true });
      else if (command.type === "status") result = service.instanceStatus(command.deploymentId);
    } catch (error) {
      console.error("[scoring] control command failed", error);
    }
    process.send?.({ id, result } satisfies Reply);
  });
  const stop = async () => {
    listener.close();
    await service.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
}

if (cluster.isPrimary) void primary();
else void worker();
