import { AppError } from "@/lib/errors";
import { errorResponse } from "@/server/http/api";

// Any other path under /api/v1 answers like the rest of the API, with a JSON 404, instead of falling
// through to the studio's pages (which would answer a script with an HTML redirect to the sign-in page).
function noSuchRoute(): Response {
  return errorResponse(new AppError("not_found", "There is no such API route; /api/v1/openapi.json lists them all."));
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
