import { apiRoute, json } from "@/server/http/api";
import { endAllSessions } from "@/server/auth/sessions";

/** Sign out everywhere: every browser session of the caller ends now. */
export const DELETE = apiRoute(async ({ actor }) => json(await endAllSessions(actor)));
