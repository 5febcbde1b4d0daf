import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { compareJobsAcross } from "@/server/jobs/compare-jobs";

/** ?jobs=dev/job-a,prod/job-b: jobs of several workspaces in one comparison. */
export const GET = apiRoute(async ({ req, actor }) => json(await compareJobsAcross(actor, searchParamsOf(req))));
