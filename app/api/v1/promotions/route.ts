import { inboxRoute } from "@/server/http/routes/governance";

export const GET = inboxRoute;
