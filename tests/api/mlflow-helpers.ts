// Calls into the studio's MLflow-compatible API (/mlflow/<workspace>/api/2.0/…) as MLflow's client makes them.
import { expect } from "vitest";
import { BASE_URL, request, type ApiResponse } from "./helpers";

export const mlflowBase = (workspace: string) => `${BASE_URL}/mlflow/${workspace}`;

export type MlflowCall = {
  token?: string | null;
  basic?: { user: string; password: string };
  headers?: Record<string, string>;
};

function authHeaders(call: MlflowCall): Record<string, string> {
  if (call.basic)
    return { authorization: `Basic ${Buffer.from(`${call.basic.user}:${call.basic.password}`).toString("base64")}` };
  return call.token ? { authorization: `Bearer ${call.token}` } : {};
}

/** One RPC: GET with the message as query parameters (lists as repeated keys), anything else with a JSON body. */
export async function rpc(
  workspace: string,
  method: string,
  name: string,
  message: Record<string, unknown>,
  call: MlflowCall,
): Promise<ApiResponse> {
  const url = new URL(`${mlflowBase(workspace)}/api/2.0/mlflow/${name}`);
  if (method === "GET") {
    for (const [key, value] of Object.entries(message))
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    return request("GET", url.toString(), { headers: { ...authHeaders(call), ...call.headers } });
  }
  return request(method, url.toString(), { json: message, headers: { ...authHeaders(call), ...call.headers } });
}

/** An MLflow error answer: the status MLflow gives the code, and exactly {error_code, message}. */
export function expectMlflowError(res: ApiResponse, status: number, code: string): string {
  expect({ status: res.status, body: res.body }, res.text).toMatchObject({ status, body: { error_code: code } });
  expect(Object.keys(res.body).sort()).toEqual(["error_code", "message"]);
  expect(String(res.body.message).trim()).not.toBe("");
  return res.body.message as string;
}

export function expectOk(res: ApiResponse) {
  expect(res.status, res.text).toBe(200);
  return res.body;
}
