import "server-only";
import { ZodError } from "zod";
import { ApprovalRequired, isAppError, type ErrorCode } from "@/lib/errors";

// MLflow's wire conventions (mlflow/protos/databricks.proto, mlflow/exceptions.py): an error is
// {"error_code": "<name>", "message": "…"} with the status MLflow gives that code. RESOURCE_ALREADY_EXISTS is
// 400, not 409. Deterministic failures stay 4xx: MLflow's client retries 408, 429 and 5xx for minutes and then
// hides the body.

export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

export class MlflowError extends Error {
  constructor(
    readonly code: MlflowErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MlflowError";
  }
}

export const mlflowNotFound = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);
export const mlflowInvalid = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);

/** The studio's error codes in MLflow's terms. */
const FROM_APP_ERROR: Record<ErrorCode, MlflowErrorCode> = {
  bad_request: "BAD_REQUEST",
  invalid: "INVALID_PARAMETER_VALUE",
  // A conflict here is a refused change (a param logged again with another value, a finished run): MLflow
  // says INVALID_PARAMETER_VALUE for those; "already exists" is raised as RESOURCE_ALREADY_EXISTS where it applies.
  conflict: "INVALID_PARAMETER_VALUE",
  not_found: "RESOURCE_DOES_NOT_EXIST",
  unauthorized: "UNAUTHENTICATED",
  forbidden: "PERMISSION_DENIED",
  too_large: "INVALID_PARAMETER_VALUE",
  too_many_requests: "REQUEST_LIMIT_EXCEEDED",
};

export function mlflowErrorOf(error: unknown): {
  status: number;
  body: { error_code: MlflowErrorCode; message: string };
} {
  let code: MlflowErrorCode = "INTERNAL_ERROR";
  let message = "Something went wrong on the server.";
  if (error instanceof MlflowError) [code, message] = [error.code, error.message];
  else if (isAppError(error)) [code, message] = [FROM_APP_ERROR[error.code], error.message];
  else if (error instanceof ZodError)
    [code, message] = [
      "INVALID_PARAMETER_VALUE",
      error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "),
    ];
  else if (error instanceof ApprovalRequired)
    [code, message] = [
      "PERMISSION_DENIED",
      `${error.message} (in the studio: promotion request #${error.promotion.number})`,
    ];
  else console.error("Unexpected error in the MLflow API", error);
  return { status: MLFLOW_ERROR_STATUS[code], body: { error_code: code, message } };
}

/**
 * JSON as MLflow writes it: protobuf's JSON has no NaN or Infinity tokens, so those travel as the strings
 * "NaN", "Infinity" and "-Infinity" (MLflow's client refuses bare tokens).
 */
export function mlflowJson(body: unknown, status = 200): Response {
  const text = JSON.stringify(body ?? {}, (_key, value) =>
    typeof value === "number" && !Number.isFinite(value)
      ? Number.isNaN(value)
        ? "NaN"
        : value > 0
          ? "Infinity"
          : "-Infinity"
      : value,
  );
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

export function mlflowErrorResponse(error: unknown): Response {
  const { status, body } = mlflowErrorOf(error);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 401) headers["WWW-Authenticate"] = 'Basic realm="mlops-studio", Bearer realm="mlops-studio"';
  return new Response(JSON.stringify(body), { status, headers });
}

/** MLflow's int64 fields arrive as numbers from current clients and as numeric strings from older ones. */
export function int64(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number))
    throw mlflowInvalid(
      `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied: it must be an integer.`,
    );
  return number;
}

/** A double as MLflow's client sends it: a number, or "NaN", "Infinity", "-Infinity". */
export function double(value: unknown, field: string): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  throw mlflowInvalid(`Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied: it must be a number.`);
}

/** A required string field: MLflow counts an empty string as missing. */
export function required(message: Record<string, unknown>, field: string): string {
  const value = message[field];
  if (value === undefined || value === null || value === "")
    throw mlflowInvalid(
      `Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`,
    );
  if (typeof value !== "string")
    throw mlflowInvalid(
      `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied: it must be a string.`,
    );
  return value;
}

export function optionalString(message: Record<string, unknown>, field: string): string | undefined {
  const value = message[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw mlflowInvalid(
      `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied: it must be a string.`,
    );
  return value;
}

/** `run_id`, or the deprecated `run_uuid` that MLflow's client sends beside it. */
export function runIdOf(message: Record<string, unknown>, allowUuid = true): string {
  if (allowUuid && !message.run_id && message.run_uuid) return required(message, "run_uuid");
  return required(message, "run_id");
}
