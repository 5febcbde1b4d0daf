import "server-only";

/**
 * An event's data as the reader may see it. A registry copy's origin ("workspace/prod/model:3") names a
 * workspace only to its members (and administrators, `memberOf` null); others see that it was published
 * from one, as on the version's own page.
 */
export function dataAsSeen(data: Record<string, unknown>, memberOf: Set<string> | null): Record<string, unknown> {
  if (!memberOf || typeof data.publishedFrom !== "string") return data;
  const [kind, name] = data.publishedFrom.split("/");
  if (memberOf.has(`${kind}/${name}`)) return data;
  const { publishedFrom: _hidden, ...rest } = data;
  return { ...rest, publishedFromHidden: true };
}
