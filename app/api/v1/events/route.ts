import { Readable } from "node:stream";
import { apiRoute, json, searchParamsOf } from "@/server/http/api";
import { contentDisposition } from "@/server/http/downloads";
import { listEvents } from "@/server/events/list-events";
import { eventsCsv } from "@/server/events/export-events";

/** The audit trail, a page as JSON, or (?format=csv) every matching event as a CSV download. */
export const GET = apiRoute(async ({ req, actor }) => {
  const { format, ...query } = searchParamsOf(req);
  if (format !== "csv") return json(await listEvents(actor, searchParamsOf(req)));
  const csv = await eventsCsv(actor, query);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(`audit-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.csv`),
    },
  });
});
