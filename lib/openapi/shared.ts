import { z } from "zod";

// Pieces every part of the OpenAPI document builds its operations from.

export type Json = Record<string, unknown>;
export const schema = (s: z.ZodType, io: "input" | "output" = "output"): Json =>
  z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;

const ERRORS: Record<number, string> = {
  400: "Malformed request (not JSON, not multipart, empty body).",
  401: "Missing, malformed, revoked or expired token.",
  403: "Your role does not allow this.",
  404: "Not found, or not visible to you.",
  409: "Conflicts with the current state.",
  413: "Body or upload larger than the limit.",
  422: "Input failed validation; the message says which field and why.",
  429: "Too many failed sign-ins from this account or address; wait the seconds in Retry-After.",
};

export function errors(...codes: number[]): Json {
  return Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: ERRORS[c], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
}

export function ok(status: number, description: string, body?: Json, contentType = "application/json"): Json {
  return { [String(status)]: body ? { description, content: { [contentType]: { schema: body } } } : { description } };
}

export function queryParams(s: z.ZodObject): Json[] {
  const json = schema(s, "input") as { properties: Record<string, Json> };
  return Object.entries(json.properties).map(([name, p]) => ({ name, in: "query", required: false, schema: p }));
}

export const path = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
export const jsonBody = (s: z.ZodType) => ({
  required: true,
  content: { "application/json": { schema: schema(s, "input") } },
});
