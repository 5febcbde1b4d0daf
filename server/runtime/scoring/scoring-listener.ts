import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { acceptedRequestId, newRequestId } from "@/lib/request-id";
import { errorBody, ScoringError, scoringErrors } from "@/server/runtime/scoring/scoring-error";
import type { ScoringService } from "@/server/runtime/scoring/scoring-service";

// The scoring URLs of online endpoints: POST /{workspace}/{endpoint}/score on a port of its own. Scoring
// sits outside Next's router on purpose: Next spends ~2–3 ms on every request before a route handler
// runs, more than scoring a small model takes. Callers name a deployment with the header
// `azureml-model-deployment` (as on Azure ML); every answer says in the same header which one answered.

export const DEPLOYMENT_HEADER = "azureml-model-deployment";
const PATH = /^\/([a-z0-9][a-z0-9-]{0,62})\/([A-Za-z][A-Za-z0-9-]{1,31})\/score\/?$/;

/** `headers` as a flat list of names and values, which Node writes without copying them into an object. */
function send(res: ServerResponse, status: number, body: string, headers: string[] = []) {
  res.writeHead(status, [
    "content-type",
    "application/json",
    "content-length",
    String(Buffer.byteLength(body)),
    ...headers,
  ]);
  res.end(body);
}

/** Reads the body (callbacks, not promises: each promise costs in Next's process), capped at `limit`. */
function readBody(req: IncomingMessage, limit: number, done: (error: ScoringError | null, body: string) => void) {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return done(scoringErrors.tooLarge(limit), "");
  const chunks: Buffer[] = [];
  let size = 0;
  let isOver = false;
  req.on("data", (chunk: Buffer) => {
    if (isOver) return;
    size += chunk.length;
    if (size > limit) {
      isOver = true;
      done(scoringErrors.tooLarge(limit), "");
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (!isOver) done(null, chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8"));
  });
  req.on("error", () => undefined);
}

const BEARER = /^Bearer\s+(.*)$/is;

/** The key of `Authorization: Bearer <key>` (the scheme in any case), or null. */
function bearerToken(authorization: string | undefined): string | null {
  const match = authorization ? BEARER.exec(authorization) : null;
  return match ? match[1].trim() : null;
}

export function createScoringListener(service: ScoringService, options: { maxBodyBytes: number }): Server {
  const server = createServer((req, res) => {
    // The caller's own id when it is a plain token (so it can send ground truth by it later), else a UUIDv7.
    const requestId = acceptedRequestId(req.headers["x-request-id"]) ?? newRequestId();
    const fail = (error: unknown) => {
      const failure =
        error instanceof ScoringError
          ? error
          : scoringErrors.scriptError("The scoring listener failed on this request.");
      if (!(error instanceof ScoringError)) console.error("[scoring] listener error", error);
      if (!res.headersSent) send(res, failure.status, errorBody(failure), ["x-request-id", requestId]);
    };
    const url = req.url ?? "/";
    const path = url.includes("?") ? url.slice(0, url.indexOf("?")) : url;
    if (path === "/healthz") return send(res, 200, '{"status":"ok"}');
    const match = PATH.exec(path);
    if (!match)
      return fail(
        new ScoringError(
          404,
          "not_found",
          `No scoring URL at "${path}"; scoring URLs are POST /<workspace>/<endpoint>/score.`,
        ),
      );
    if (req.method !== "POST")
      return send(
        res,
        405,
        errorBody(new ScoringError(405, "method_not_allowed", "Score with POST and a JSON body.")),
        ["allow", "POST"],
      );
    readBody(req, options.maxBodyBytes, (error, body) => {
      if (error) return fail(error);
      const authorization = req.headers.authorization;
      const key = bearerToken(authorization);
      const target = req.headers[DEPLOYMENT_HEADER];
      service
        .score({
          workspace: match[1],
          endpoint: match[2],
          body,
          key,
          deployment: typeof target === "string" && target ? target : null,
          requestId,
        })
        .then((outcome) => {
          const headers = ["x-request-id", requestId];
          if (outcome.deployment) headers.push(DEPLOYMENT_HEADER, outcome.deployment);
          if (outcome.status === 401) headers.push("www-authenticate", 'Bearer realm="endpoint"');
          send(res, outcome.status, outcome.body, headers);
        }, fail);
    });
  });
  // Longer than clients' own idle timeout, so a client never reuses a connection being closed.
  server.keepAliveTimeout = 65_000;
  return server;
}
