// Expected failures carry a code; the API maps each code to one HTTP status and forms show the message.
// Anything else that is thrown is a bug and becomes a 500.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many_requests: 429,
  invalid: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const invalid = (message: string, details?: unknown) => new AppError("invalid", message, details);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Not a failure: the change was turned into a promotion request under the scope's policy, and nothing changes
 * until it is approved. The API answers 202 with the request; forms say where it went.
 */
export class ApprovalRequired extends Error {
  constructor(
    readonly promotion: { id: string; number: number; scope: { kind: string; name: string } } & Record<string, unknown>,
  ) {
    super(`Sent for approval as request #${promotion.number}: nothing changes until it is approved.`);
    this.name = "ApprovalRequired";
  }
}
