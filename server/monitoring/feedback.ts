import "server-only";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { db, lockRows } from "@/server/db";
import { AppError, invalid } from "@/lib/errors";
import { requestIdTime } from "@/lib/request-id";
import type { Actor } from "@/server/auth/actor";
import { requireScope } from "@/server/scopes/scope-access";
import { findEndpointOrThrow } from "@/server/endpoints/find-endpoint";

// Ground truth for scored requests: `POST …/endpoints/{endpoint}/feedback` with the labels callers learn
// later, by the request's x-request-id (and row, for requests of several rows), as JSON or CSV. Sent again,
// a label replaces the earlier one. Monitors join them to collected rows for their performance signal.

export const MAX_FEEDBACK_ITEMS = 10_000;

const itemSchema = z.strictObject({
  requestId: z.string().trim().min(1).max(128),
  row: z.coerce.number().int().min(0).max(1_000_000).default(0),
  label: z.union([z.string().max(1000), z.number(), z.boolean()]),
});

const bodySchema = z.union([
  z.array(itemSchema).max(MAX_FEEDBACK_ITEMS),
  z.strictObject({ items: z.array(itemSchema).max(MAX_FEEDBACK_ITEMS) }),
]);

/** CSV with a header: request_id (or requestId), label, and optionally row. Labels stay text. */
function csvItems(text: string): unknown[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (error) {
    throw new AppError("bad_request", `The CSV cannot be read: ${(error as Error).message}`);
  }
  if (records.length > MAX_FEEDBACK_ITEMS) throw invalid(`At most ${MAX_FEEDBACK_ITEMS} labels per call.`);
  return records.map((r) => ({
    requestId: r.request_id ?? r.requestId,
    label: r.label,
    ...(r.row !== undefined && r.row !== "" ? { row: r.row } : {}),
  }));
}

export function parseFeedback(body: string, contentType: string) {
  if (contentType.toLowerCase().startsWith("text/csv")) return z.array(itemSchema).parse(csvItems(body));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON (send CSV with Content-Type: text/csv).");
  }
  const parsed = bodySchema.parse(value);
  return Array.isArray(parsed) ? parsed : parsed.items;
}

/** Stores labels (the last one wins for a request and row sent twice); answers how many were new or replaced. */
export async function submitFeedback(
  actor: Actor,
  workspace: string,
  endpointName: string,
  readBody: () => Promise<string>,
  contentType: string,
): Promise<{ accepted: number; replaced: number }> {
  // Who is asking first; the body is read only for someone who may send labels here.
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const items = parseFeedback(await readBody(), contentType);
  if (!items.length) throw invalid("Send at least one label.");
  const endpoint = await findEndpointOrThrow(db, scope.id, endpointName);
  const unique = new Map(items.map((i) => [`${i.requestId}#${i.row}`, i]));
  return db.$transaction(async (tx) => {
    // One writer per endpoint at a time, so two calls with the same ids replace rather than collide.
    await lockRows(tx, "Endpoint", { id: endpoint.id });
    const existing = await tx.feedback.findMany({
      where: { endpointId: endpoint.id, requestId: { in: [...new Set(items.map((i) => i.requestId))] } },
      select: { id: true, requestId: true, row: true },
    });
    const known = new Map(existing.map((e) => [`${e.requestId}#${e.row}`, e.id]));
    const fresh = [...unique.entries()].filter(([key]) => !known.has(key)).map(([, i]) => i);
    const replaced = [...unique.entries()].filter(([key]) => known.has(key));
    await tx.feedback.createMany({
      data: fresh.map((i) => ({
        endpointId: endpoint.id,
        requestId: i.requestId,
        row: i.row,
        label: JSON.stringify(i.label),
        requestAt: requestIdTime(i.requestId),
        createdById: actor.userId,
      })),
    });
    for (const [key, i] of replaced)
      await tx.feedback.update({
        where: { id: known.get(key)! },
        data: { label: JSON.stringify(i.label), receivedAt: new Date(), createdById: actor.userId },
      });
    return { accepted: unique.size, replaced: replaced.length };
  });
}

/** Labels that may belong to requests of a window, by `${requestId}#${row}`. */
export async function feedbackForWindow(endpointId: string, from: Date, to: Date): Promise<Map<string, unknown>> {
  const slack = 60_000;
  const rows = await db.feedback.findMany({
    where: {
      endpointId,
      OR: [
        { requestAt: { gte: new Date(from.getTime() - slack), lt: new Date(to.getTime() + slack) } },
        // Callers' own ids carry no time: labels received since a month before the window may be theirs.
        { requestAt: null, receivedAt: { gte: new Date(from.getTime() - 30 * 86_400_000) } },
      ],
    },
    select: { requestId: true, row: true, label: true },
  });
  return new Map(rows.map((r) => [`${r.requestId}#${r.row}`, JSON.parse(r.label) as unknown]));
}
