"use client";

// The one way the browser calls the studio's API (the session cookie authenticates it), for queries and
// mutations alike. A failure, whether the API's own `{"error": {"code", "message", "details"}}` or a
// studio that could not be reached, becomes one ApiFailure the UI shows by its message: mutations get it
// in their RequestResult, react-query functions (apiGet) throw it as an ApiError. Uploads that show
// progress go through apiUpload, which uses XMLHttpRequest (fetch cannot report upload progress) and
// answers the same way.

/** What went wrong, as the UI shows it. `status` is missing when the studio could not be reached. */
export type ApiFailure = { message: string; status?: number; code?: string; details?: unknown };

export type RequestResult<T> = { ok: true; value: T; status: number } | ({ ok: false } & ApiFailure);

/** An ApiFailure thrown by query functions (react-query keeps it as the query's `error`). */
export class ApiError extends Error implements ApiFailure {
  readonly status?: number;
  readonly code?: string;
  readonly details?: unknown;
  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = "ApiError";
    this.status = failure.status;
    this.code = failure.code;
    this.details = failure.details;
  }
}

/** The message of any error a query or mutation ended with. */
export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

const UNREACHABLE = "The studio could not be reached.";

type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } } | null;

/** The answer turned into a result: the body when the status is an expected one, else the API's error. */
function settle<T>(status: number, body: unknown, expected: number | number[]): RequestResult<T> {
  const isExpected = Array.isArray(expected) ? expected.includes(status) : status === expected;
  if (isExpected) return { ok: true, value: body as T, status };
  const error = (body as ErrorBody)?.error;
  return {
    ok: false,
    status,
    code: error?.code,
    details: error?.details,
    message: error?.message ?? `The studio answered HTTP ${status}.`,
  };
}

/** Calls the API; resolves with the answer's JSON body when its status is `expected`, else with the failure. */
export async function apiRequest<T>(
  url: string,
  init: RequestInit,
  expected: number | number[],
): Promise<RequestResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  return settle<T>(res.status, body, expected);
}

/** GETs JSON for a react-query function: the body on 200, else throws the ApiError. */
export async function apiGet<T>(url: string): Promise<T> {
  const result = await apiRequest<T>(url, { headers: { accept: "application/json" } }, 200);
  if (!result.ok) throw new ApiError(result);
  return result.value;
}

export const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/**
 * POSTs a form (or a JSON text) and reports how much of it was sent, as a fraction, while it uploads.
 * Resolves like apiRequest.
 */
export function apiUpload<T>(
  url: string,
  body: FormData | string,
  expected: number | number[],
  onProgress: (fraction: number) => void = () => {},
): Promise<RequestResult<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (typeof body === "string") xhr.setRequestHeader("content-type", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      resolve(settle<T>(xhr.status, parsed, expected));
    };
    xhr.onerror = () =>
      resolve({ ok: false, message: "The upload was interrupted. Check the connection and try again." });
    xhr.send(body);
  });
}

/**
 * GETs at most `maxBytes` of a file for a react-query function (a preview): the rest is never
 * downloaded, the stream is cancelled. Throws the ApiError when the answer is not 200.
 */
export async function apiGetHead(url: string, maxBytes: number): Promise<{ bytes: Uint8Array; isTruncated: boolean }> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new ApiError({ message: UNREACHABLE });
  }
  if (res.status !== 200 || !res.body) {
    const failure = settle<never>(res.status, await res.json().catch(() => null), 200);
    throw new ApiError(failure.ok ? { message: `The studio answered HTTP ${res.status}.` } : failure);
  }
  const reader = res.body.getReader();
  const bytes = new Uint8Array(maxBytes);
  let length = 0;
  let isTruncated = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, maxBytes - length);
    bytes.set(value.subarray(0, take), length);
    length += take;
    if (take < value.length || (length === maxBytes && !(await reader.read()).done)) {
      isTruncated = true;
      await reader.cancel();
      break;
    }
  }
  return { bytes: bytes.subarray(0, length), isTruncated };
}
