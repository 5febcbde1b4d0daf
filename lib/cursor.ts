// Opaque keyset cursors: the sort value and id of the last row of a page, so the next page starts with
// an index seek instead of skipping rows (page 1000 costs what page 1 costs).
import { z } from "zod";

const cursorSchema = z.tuple([z.union([z.string(), z.number()]), z.string().min(1).max(64)]);
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): Cursor | null {
  if (cursor.length > 1024) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
