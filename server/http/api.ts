import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { AppError, isAppError, ApprovalRequired } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import { getSessionActor } from "@/server/auth/session";
import { authenticateAccessToken } from "@/server/tokens/tokens";

// The one place where API requests become actors and failures become HTTP answers in the shape
// {"error": {"code", "message"}}. Route handlers stay thin: parse, call one domain function, answer.

export const MAX_JSON_BYTES = 1024 * 1024;

export function errorResponse(error: unknown): NextResponse {
  // A change held for approval: accepted, not done.
  if (error instanceof ApprovalRequired) return NextResponse.json({ promotion: error.promotion }, { status: 202 });
  if (isAppError(error)) {
    const headers: Record<string, string> =
      error.code === "unauthorized" ? { "WWW-Authenticate": 'Bearer realm="mlops-studio"' } : {};
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (error.code === "too_many_requests" && retryAfter) headers["Retry-After"] = String(retryAfter);
    return NextResponse.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      },
      { status: error.status, headers },
    );
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    return NextResponse.json({ error: { code: "invalid", message, details: { issues } } }, { status: 422 });
  }
  console.error("Unexpected error in API route", error);
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

/** Bearer token first; a browser session cookie also works so that the studio's own pages can call the API. */
export async function requireApiActor(req: NextRequest): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await authenticateAccessToken(match[1]) : null;
    if (!actor) throw new AppError("unauthorized", "The access token is missing, malformed, revoked or expired.");
    return actor;
  }
  const actor = await getSessionActor();
  if (!actor)
    throw new AppError("unauthorized", "Sign in, or send an access token as 'Authorization: Bearer <token>'.");
  // A cookie rides along on cross-site requests; a change made with one must come from this site.
  if (!["GET", "HEAD"].includes(req.method)) {
    const origin = req.headers.get("origin");
    if (origin && originHost(origin) !== req.headers.get("host"))
      throw new AppError("forbidden", "Cross-site request refused.");
  }
  return actor;
}

/** The host of an Origin header; null for "null" (sandboxed frames, file: pages) and anything unparsable. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

type RouteContext<P> = { params: Promise<P> };
type ApiHandler<P> = (args: { req: NextRequest; params: P; actor: Actor }) => Promise<Response>;

export function apiRoute<P>(handler: ApiHandler<P>) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const actor = await requireApiActor(req);
      return await handler({ req, params: await context.params, actor });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function publicApiRoute<P>(handler: (args: { req: NextRequest; params: P }) => Promise<Response>) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler({ req, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Reads a JSON body with a size cap; malformed JSON is a 400, a body that is too big a 413. An empty body
 * is a 400 too, unless the route takes one (`allowEmpty`: undefined then).
 */
/** The body as text, refused with 413 beyond `maxBytes` (by its declared length first, then its real one). */
export async function readText(req: NextRequest, maxBytes: number, what = "The body"): Promise<string> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > maxBytes) throw new AppError("too_large", `${what} is larger than ${maxBytes} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("too_large", `${what} is larger than ${maxBytes} bytes.`);
  return text;
}

export async function readJson(req: NextRequest, maxBytes = MAX_JSON_BYTES, allowEmpty = false): Promise<unknown> {
  const text = await readText(req, maxBytes, "The JSON body");
  if (text.trim() === "") {
    if (allowEmpty) return undefined;
    throw new AppError("bad_request", "The request body is empty; send JSON.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

export function searchParamsOf(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

/**
 * A JSON answer. A plain Response: NextResponse.json builds a Response, then copies it into a second
 * one with a cookie proxy, which API answers never use (~0.3 ms per request on the ingest path).
 */
export function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, headers: JSON_HEADERS });
}

const JSON_HEADERS = { "content-type": "application/json" };

/** Path parameters of routes under /workspaces/{workspace}/… and /registries/{registry}/…. */
export type ScopeParams = { workspace?: string; registry?: string };

export function scopeFromParams(kind: ScopeKind, params: ScopeParams): ScopeRef {
  return { kind, name: (kind === "workspace" ? params.workspace : params.registry) ?? "" };
}
