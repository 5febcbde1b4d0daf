import "server-only";
import { mlflowInvalid } from "@/server/mlflow/protocol";

// MLflow's own page tokens: base64 of {"offset": N} (mlflow/utils/search_utils.py). Clients only echo them.

export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function offsetOf(token: string | undefined): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw mlflowInvalid("Invalid page token, could not base64-decode");
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 1)
    throw mlflowInvalid(`Invalid page token, decoded value=${JSON.stringify(parsed)}`);
  return offset;
}
