"use client";

// API calls that pages make from the browser (the session cookie authenticates them): the answer's body
// when it has the expected status, else the API's own error message.

export type RequestResult<T> = { ok: true; value: T } | { ok: false; message: string; status?: number };

export async function apiRequest<T>(url: string, init: RequestInit, expected: number): Promise<RequestResult<T>> {
  try {
    const res = await fetch(url, init);
    const body = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.status !== expected)
      return {
        ok: false,
        status: res.status,
        message: body?.error?.message ?? `The studio answered HTTP ${res.status}.`,
      };
    return { ok: true, value: body as T };
  } catch {
    return { ok: false, message: "The studio could not be reached." };
  }
}

export const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
