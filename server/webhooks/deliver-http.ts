import "server-only";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { addressProblem, guardedLookup } from "@/server/webhooks/target-guard";

// One POST of a webhook delivery: the exact body bytes, the signature headers, a timeout, and the answer
// read only as far as its first KiB (an excerpt for the delivery page). Redirects are not followed (a
// 3xx is a failure, as Standard Webhooks says); no proxy from the environment is used.

const RESPONSE_EXCERPT_BYTES = 1024;
const RESPONSE_READ_LIMIT = 64 * 1024;

export type PostOutcome = {
  statusCode: number | null;
  latencyMs: number;
  /** The first KiB of the answer's body. */
  response: string | null;
  retryAfter: string | null;
  /** Why no answer came (timeout, refused target, network error). */
  error: string | null;
};

// Keep-alive agents, one per guard setting: deliveries to one receiver reuse connections.
const agents = new Map<string, HttpAgent>();
function agentFor(protocol: string, allowPrivate: boolean): HttpAgent {
  const key = `${protocol}${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 8, lookup: guardedLookup(allowPrivate) } as const;
    agent = protocol === "https:" ? new HttpsAgent(options) : new HttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
}

export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // A literal address is never looked up, so it is checked here.
  const literalProblem = isIP(host) ? addressProblem(host, options.allowPrivate) : null;
  if (literalProblem)
    return { statusCode: null, latencyMs: 0, response: null, retryAfter: null, error: `refused: ${literalProblem}` };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const req = send(
      url,
      {
        method: "POST",
        agent: agentFor(url.protocol, options.allowPrivate),
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_READ_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        const done = () =>
          finish({
            statusCode: res.statusCode ?? null,
            response: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8") || null,
            retryAfter: typeof res.headers["retry-after"] === "string" ? res.headers["retry-after"] : null,
            error: null,
          });
        res.on("end", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, response: null, retryAfter: null, error: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({
        statusCode: null,
        response: null,
        retryAfter: null,
        error: error.message || error.code || "network error",
      }),
    );
    req.end(body);
  });
}
