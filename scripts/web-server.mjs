// The studio's web server: Next's request handler behind a plain node:http server of the studio's own
// (Next's documented custom-server API), for the two things Next leaves to whoever runs it:
//   - a URL whose percent-encoding is malformed is refused with a JSON 400 before Next's router sees it
//     (Next answers such a path with a plain-text 500);
//   - the client's address: Next keeps an X-Forwarded-For that the client sent, so anyone could claim any
//     address. Unless STUDIO_TRUST_PROXY says a proxy in front sets the header, it is replaced with the
//     address the connection really came from (the sign-in throttle counts failures per address).
//   node scripts/web-server.mjs   (npm start and the tests run it; PORT, HOST and the studio's settings
//   come from the environment)
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { forwardedFor, malformedTarget } from "./lib/web-request.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Longer than clients' own idle timeout (undici keeps sockets 4 s), so a client never reuses a
// connection the server is closing at that instant ("other side closed").
const KEEP_ALIVE_MS = 65_000;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

export async function startWebServer({ hostname, port, trustProxy }) {
  const app = next({ dev: false, dir: root, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    const problem = malformedTarget(req.url);
    if (problem) {
      const body = JSON.stringify({ error: { code: "bad_request", message: problem } });
      res.writeHead(400, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...SECURITY_HEADERS,
      });
      res.end(body);
      return;
    }
    const header = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = forwardedFor(
      Array.isArray(header) ? header.join(", ") : header,
      req.socket.remoteAddress,
      trustProxy,
    );
    handle(req, res);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  // A first request of its own: Next finishes starting (its instrumentation hook) before answering it.
  await fetch(
    `http://${hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname}:${port}/api/v1/openapi.json`,
  ).catch(() => undefined);
  console.log(`[studio] web app on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  // Under npm start's supervisor: the scoring service may start now.
  process.send?.({ type: "ready" });
  // The supervisor is gone (even killed): so is the web app.
  process.on("disconnect", () => process.exit(0));
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "127.0.0.1";
  const trustProxy = ["1", "true", "yes"].includes((process.env.STUDIO_TRUST_PROXY ?? "").toLowerCase());
  startWebServer({ hostname, port, trustProxy }).catch((error) => {
    console.error(`[studio] the web server could not start: ${error.message}`);
    process.exit(1);
  });
}
