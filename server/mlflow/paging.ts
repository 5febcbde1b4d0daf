import "server-only";
import { mlflowInvalid } from "@/server/mlflow/protocol";

// MLflow's own page tokens: base64 of {"offset": N} (mlflow/utils/search_utils.py). Clients only echo them.
// Searches over few entities (experiments, registered models, versions) order and page them in memory.

export function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

export function offsetOf(token: string | undefined): number {
  if (!token) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw mlflowInvalid("Invalid page token, could not base64-decode");
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 1)
    throw mlflowInvalid(`Invalid page token, decoded value=${JSON.stringify(parsed)}`);
  return offset;
}

export type Order = { key: string; desc: boolean };

/** order_by clauses as MLflow writes them: `<key> [ASC|DESC]`, optionally `attribute.<key>`, among `keys`. */
export function orderClauses(value: unknown, keys: readonly string[]): Order[] {
  const clauses = Array.isArray(value) ? value : value ? [value] : [];
  return clauses.map((clause) => {
    const match = /^\s*(?:attribute\.)?(\w+)\s*(ASC|DESC)?\s*$/i.exec(String(clause));
    if (!match || !keys.includes(match[1]!))
      throw mlflowInvalid(`Invalid order_by clause '${String(clause)}'. Order by ${keys.join(", ")}.`);
    return { key: match[1]!, desc: match[2]?.toUpperCase() === "DESC" };
  });
}

/** Sorts in place by each order in turn. */
export function sortBy<T>(items: T[], orders: Order[], valueOf: (item: T, key: string) => string | number) {
  items.sort((a, b) => {
    for (const { key, desc } of orders) {
      const [x, y] = [valueOf(a, key), valueOf(b, key)];
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

/** One page of `items` under `field`, with a token when more follow (omitted when empty, as MLflow does). */
export function pageOf<T>(items: T[], offset: number, max: number, field: string) {
  const page = items.slice(offset, offset + max);
  return {
    ...(page.length ? { [field]: page } : {}),
    ...(offset + max < items.length ? { next_page_token: pageToken(offset + max) } : {}),
  };
}
