import "server-only";
import { stringify } from "csv-stringify";
import { listEventsQuerySchema } from "@/lib/schemas/events";
import { spreadsheetSafe } from "@/lib/spreadsheet-safe";
import type { Actor } from "@/server/auth/actor";
import { listEvents } from "@/server/events/list-events";

// The audit trail as CSV: the same events, filters and visibility as GET /api/v1/events, newest first, read a
// page at a time so an export of many events never sits in memory, with no cell a spreadsheet would run.

export const MAX_EXPORTED_EVENTS = 100_000;
const PAGE = 200;
const COLUMNS = ["seq", "at", "actor", "action", "scope", "subject_type", "subject", "reason", "data"];

export async function eventsCsv(actor: Actor, query: Record<string, string>) {
  const q = listEventsQuerySchema.parse({ ...query, limit: PAGE, cursor: undefined });
  // The first page is read before answering, so a bad filter or a scope the reader may not see is a 4xx.
  let page = await listEvents(actor, { ...q, cursor: query.cursor });
  const csv = stringify({ header: true, columns: COLUMNS, record_delimiter: "windows" });
  void (async () => {
    try {
      let written = 0;
      for (;;) {
        for (const e of page.items) {
          const record = [
            String(e.id),
            e.at,
            e.actor,
            e.action,
            e.scope ? `${e.scope.kind}/${e.scope.name}` : "",
            e.subject.type,
            e.subject.label,
            e.reason ?? "",
            JSON.stringify(e.data),
          ].map(spreadsheetSafe);
          if (!csv.write(record)) await new Promise((resolve) => csv.once("drain", resolve));
          if (++written >= MAX_EXPORTED_EVENTS) break;
        }
        if (!page.nextCursor || written >= MAX_EXPORTED_EVENTS) break;
        page = await listEvents(actor, { ...q, cursor: page.nextCursor });
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}
