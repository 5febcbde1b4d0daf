// How a refused call reaches a user: the error a domain function throws, passed through the one mapping
// the API uses (AppError codes, and zod parse errors, which are "invalid"). Tests assert on the code the
// client sees instead of on which kind of error object carried it.
import { errorResponse } from "@/server/http/api";

export type Failure = { status: number; code: string; message: string; details?: unknown };

export async function failureOf(work: Promise<unknown>): Promise<Failure> {
  let isRejected = false;
  let error: unknown;
  try {
    await work;
  } catch (e) {
    isRejected = true;
    error = e;
  }
  if (!isRejected) throw new Error("Expected the call to be refused, but it succeeded.");
  const response = errorResponse(error);
  const body = (await response.json()) as { error: Omit<Failure, "status"> };
  if (body.error.code === "internal") throw error;
  return { status: response.status, ...body.error };
}
