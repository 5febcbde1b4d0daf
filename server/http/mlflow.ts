import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { NextRequest } from "next/server";
import type { Actor } from "@/server/auth/actor";
import { authenticateAccessToken } from "@/server/tokens/tokens";
import { env } from "@/server/env";
import { readText } from "@/server/http/api";
import { contentDisposition } from "@/server/http/downloads";
import type { MlflowMessage, MlflowRpc } from "@/server/mlflow/context";
import { MLFLOW_RPCS } from "@/server/mlflow/rpcs";
import {
  artifactWriteTarget,
  deleteArtifact,
  listArtifacts,
  openArtifact,
  putArtifact,
} from "@/server/mlflow/artifacts";
import { MlflowError, mlflowErrorResponse, mlflowInvalid, mlflowJson } from "@/server/mlflow/protocol";

// MLflow's REST API at /mlflow/<workspace>/: its RPCs under api/2.0/mlflow/ (and ajax-api/2.0/mlflow/, which
// MLflow's own server also answers), its proxied artifacts under api/2.0/mlflow-artifacts/, and the 3.x
// server-info probe. Who is asking is settled from the Authorization header before a byte of the body is read;
// the message is then read as MLflow's server reads it (mlflow/server/handlers.py `_get_request_message`): a
// GET's query string (list fields as repeated keys), or else the JSON body, for DELETE too; unknown fields are
// ignored.

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024; // a dataset's profile may be 16 MB (MLflow's limit)
const MULTIPART = "Multipart upload is not supported for the current artifact repository";

/** The actor behind MLflow's client: Bearer <token> (MLFLOW_TRACKING_TOKEN) or Basic <e-mail>:<token>. */
async function mlflowActor(req: NextRequest): Promise<Actor> {
  const header = req.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  let actor: Actor | null = null;
  if (bearer) actor = await authenticateAccessToken(bearer[1]!);
  else if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const [user, password] = colon < 0 ? [decoded, ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const found = password ? await authenticateAccessToken(password) : null;
    // The password is a token of the user named: a token alone never stands for someone else.
    actor = found && found.email.toLowerCase() === user.toLowerCase() ? found : null;
  }
  if (actor) return actor;
  throw new MlflowError(
    "UNAUTHENTICATED",
    header
      ? "The credentials are not valid: send a personal access token as MLFLOW_TRACKING_TOKEN, or your e-mail as MLFLOW_TRACKING_USERNAME and a token as MLFLOW_TRACKING_PASSWORD."
      : "Set MLFLOW_TRACKING_TOKEN to a personal access token of the studio (or MLFLOW_TRACKING_USERNAME to your e-mail and MLFLOW_TRACKING_PASSWORD to the token).",
  );
}

async function readMessage(req: NextRequest, rpc: MlflowRpc): Promise<MlflowMessage> {
  const query = req.nextUrl.searchParams;
  const lists = new Set(rpc.lists ?? []);
  const fromQuery = () => {
    const message: MlflowMessage = {};
    for (const key of new Set(query.keys())) message[key] = lists.has(key) ? query.getAll(key) : query.get(key);
    return message;
  };
  if (req.method === "GET" && query.size) return fromQuery();
  if (req.method === "POST" || req.method === "PATCH") {
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json")
      throw mlflowInvalid(`Bad Request. Content-Type must be one of [application/json]. Got '${type}'.`);
  }
  const text = await readText(req, rpc.maxBytes ?? DEFAULT_MAX_BYTES, "The request body");
  if (text.trim() === "") return req.method === "DELETE" ? fromQuery() : {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
    // Old clients sent the JSON body encoded once more, as a string.
    if (typeof parsed === "string") parsed = JSON.parse(parsed);
  } catch {
    throw mlflowInvalid("The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw mlflowInvalid("The request body must be a JSON object.");
  return parsed as MlflowMessage;
}

async function runRpc(req: NextRequest, workspace: string, name: string): Promise<Response> {
  const actor = await mlflowActor(req);
  const rpc = Object.hasOwn(MLFLOW_RPCS, name) ? MLFLOW_RPCS[name] : undefined;
  if (!rpc) throw new MlflowError("ENDPOINT_NOT_FOUND", `The MLflow API has no endpoint "${name}" here.`);
  if (!rpc.methods.includes(req.method as MlflowRpc["methods"][number]))
    throw new MlflowError("ENDPOINT_NOT_FOUND", `${name} answers ${rpc.methods.join(" or ")}, not ${req.method}.`);
  const message = await readMessage(req, rpc);
  return mlflowJson(
    (await rpc.handle({ actor, workspace, message, method: req.method as MlflowRpc["methods"][number] })) ?? {},
  );
}

/** GET|PUT|DELETE …/mlflow-artifacts/artifacts[/<path>], and the multipart endpoints MLflow's client may probe. */
async function artifacts(req: NextRequest, workspace: string, segments: string[]): Promise<Response> {
  const actor = await mlflowActor(req);
  if (segments[0] === "mpu") throw new MlflowError("NOT_IMPLEMENTED", MULTIPART);
  if (segments[0] !== "artifacts") throw new MlflowError("ENDPOINT_NOT_FOUND", "No such mlflow-artifacts endpoint.");
  const path = segments.slice(1).join("/");
  if (req.method === "GET" && !path) {
    const files = await listArtifacts(actor, workspace, req.nextUrl.searchParams.get("path") ?? "");
    return mlflowJson(files.length ? { files } : {});
  }
  if (req.method === "GET") {
    const file = await openArtifact(actor, workspace, path);
    return new Response(file.stream, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.path.split("/").at(-1)!),
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  if (req.method !== "PUT" && req.method !== "DELETE")
    throw new MlflowError("ENDPOINT_NOT_FOUND", `mlflow-artifacts answers GET, PUT and DELETE, not ${req.method}.`);
  const target = await artifactWriteTarget(actor, workspace, path);
  if (req.method === "DELETE") await deleteArtifact(target);
  else {
    const limit = env.STUDIO_MAX_UPLOAD_BYTES;
    const declared = Number(req.headers.get("content-length") ?? "NaN");
    if (Number.isFinite(declared) && declared > limit)
      throw mlflowInvalid(`The artifact is larger than the limit of ${limit} bytes.`);
    if (!req.body) throw mlflowInvalid("The request has no body.");
    await putArtifact(target, Readable.fromWeb(req.body as unknown as NodeReadableStream), limit);
  }
  return mlflowJson({});
}

/** Every path under /mlflow/<workspace>/. */
export async function mlflowRoute(req: NextRequest, workspace: string, path: string[]): Promise<Response> {
  try {
    const [prefix, version, service, ...rest] = path;
    const isApi = prefix === "api" || prefix === "ajax-api";
    if (isApi && version === "2.0" && service === "mlflow") return await runRpc(req, workspace, rest.join("/"));
    if (isApi && version === "2.0" && service === "mlflow-artifacts") return await artifacts(req, workspace, rest);
    await mlflowActor(req);
    // MLflow 3's client asks before a large upload whether multipart is on: it is not.
    if (isApi && version === "3.0" && service === "mlflow" && rest.join("/") === "server-info")
      return mlflowJson({
        store_type: "SqlStore",
        workspaces_enabled: false,
        multipart_uploads_enabled: false,
        multipart_downloads_enabled: false,
      });
    throw new MlflowError("ENDPOINT_NOT_FOUND", `No MLflow endpoint at /${path.join("/")}.`);
  } catch (error) {
    return mlflowErrorResponse(error);
  }
}
