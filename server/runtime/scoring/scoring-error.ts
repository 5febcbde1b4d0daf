import "server-only";
// A scoring request that cannot be answered with a prediction: the HTTP status and the message the
// caller reads, in the same {"error": {"code", "message"}} shape as the studio's API.
export class ScoringError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ScoringError";
  }
}

export const scoringErrors = {
  badJson: (detail: string) => new ScoringError(400, "bad_request", `The request body is not valid JSON: ${detail}`),
  badInput: (message: string) => new ScoringError(400, "bad_request", message),
  unauthorized: () =>
    new ScoringError(401, "unauthorized", "Send one of the endpoint's keys as 'Authorization: Bearer <key>'."),
  notFound: (what: string) => new ScoringError(404, "not_found", `${what} was not found.`),
  tooLarge: (limit: number) => new ScoringError(413, "too_large", `The request body is larger than ${limit} bytes.`),
  scriptError: (message: string) => new ScoringError(500, "script_error", message),
  crashed: (message: string) => new ScoringError(502, "instance_crashed", message),
  unavailable: (message: string) => new ScoringError(503, "unavailable", message),
  timeout: (ms: number) =>
    new ScoringError(504, "timeout", `The deployment did not answer within its request timeout of ${ms} ms.`),
};

export function errorBody(error: ScoringError): string {
  return JSON.stringify({ error: { code: error.code, message: error.message } });
}

/** The message of anything thrown. */
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
