// The studio's REST API as the CLI calls it: the token on every request, the studio's error message (and its
// per-line details) turned into a CliError with an exit code that says what kind of failure it was.
import { CliError, EXIT } from "./errors.mjs";
import { connection } from "./config.mjs";

async function send(method, path, init = {}) {
  const { url, token } = connection();
  let res;
  try {
    res = await fetch(`${url}/api/v1${path}`, {
      method,
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
  } catch (error) {
    throw new CliError(`Cannot reach the studio at ${url}: ${error.cause?.message ?? error.message}`, EXIT.failed);
  }
  if (res.ok) return res;
  const text = await res.text();
  let message = `${method} ${path} answered ${res.status}`;
  try {
    const body = JSON.parse(text);
    if (body?.error?.message) message = body.error.message;
    const details = body?.error?.details?.errors;
    if (Array.isArray(details) && details.length)
      message += `\n${details.map((d) => `  ${typeof d === "string" ? d : d.line ? `line ${d.line}: ${d.message}` : d.message}`).join("\n")}`;
  } catch {
    // not JSON: the status says enough
  }
  const code = res.status === 401 || res.status === 403 ? EXIT.auth : res.status === 404 ? EXIT.notFound : EXIT.failed;
  throw new CliError(message, code);
}

export async function getJson(path) {
  return (await send("GET", path)).json();
}

export async function sendJson(method, path, body) {
  const res = await send(method, path, {
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 204 ? null : res.json();
}

/**
 * Sends a multipart form; with `progress` (a writer of one-line updates), the bytes sent are reported as they
 * go: a bar redrawn in place on a terminal, a line at each quarter elsewhere (a CI log).
 */
export async function sendForm(method, path, form, { progress } = {}) {
  if (!progress) return (await send(method, path, { body: form })).json();
  // The form as the bytes fetch would send, counted on their way out.
  const encoded = new Response(form);
  // The files' bytes (the multipart envelope around them is small): the bar is capped at 100%.
  let total = 0;
  for (const [, value] of form) total += typeof value === "string" ? value.length : value.size;
  let sent = 0;
  const counted = encoded.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        progress(sent, total);
        controller.enqueue(chunk);
      },
    }),
  );
  const res = await send(method, path, {
    body: counted,
    duplex: "half",
    headers: { "content-type": encoded.headers.get("content-type") },
  });
  return res.json();
}

/** A body of another type (a YAML file as it is); answers the JSON reply. */
export async function sendText(method, path, contentType, text) {
  return (await send(method, path, { headers: { "content-type": contentType }, body: text })).json();
}

export async function download(path) {
  return send("GET", path);
}

export { connection };
