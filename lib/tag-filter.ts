// Parses the studio's tag filter syntax: `TagName=TagValue` conditions joined by commas, all of which
// must hold; a bare `TagName` means "has this tag". Malformed input is reported with the position of the
// offending condition so the UI and the API can say exactly what is wrong instead of returning nothing.

export type TagCondition = { key: string; value?: string };

export type TagFilterResult = { ok: true; conditions: TagCondition[] } | { ok: false; message: string };

export const MAX_TAG_CONDITIONS = 10;
export const TAG_KEY_PATTERN = /^[A-Za-z0-9_.\-:/]{1,128}$/;
export const MAX_TAG_VALUE_LENGTH = 256;

export function parseTagFilter(input: string | null | undefined): TagFilterResult {
  const text = (input ?? "").trim();
  if (text === "") return { ok: true, conditions: [] };

  const parts = text.split(",");
  if (parts.length > MAX_TAG_CONDITIONS) {
    return { ok: false, message: `At most ${MAX_TAG_CONDITIONS} tag conditions are allowed (got ${parts.length}).` };
  }
  const conditions: TagCondition[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of parts.entries()) {
    const part = raw.trim();
    const where = `condition ${index + 1}`;
    if (part === "") return { ok: false, message: `Empty ${where}: remove the extra comma.` };
    const eq = part.indexOf("=");
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? undefined : part.slice(eq + 1);
    if (key === "") return { ok: false, message: `In ${where} "${part}": the tag name before '=' is missing.` };
    if (/\s$/.test(key) || (value !== undefined && /^\s/.test(value))) {
      return { ok: false, message: `In ${where} "${part}": no spaces around '=' (write TagName=TagValue).` };
    }
    if (!TAG_KEY_PATTERN.test(key)) {
      return {
        ok: false,
        message: `In ${where} "${part}": tag name "${key}" may only hold letters, digits and _ . - : / (at most 128).`,
      };
    }
    if (value !== undefined) {
      if (value === "") {
        return {
          ok: false,
          message: `In ${where} "${part}": the value after '=' is missing (write just "${key}" to match any value).`,
        };
      }
      if (value.length > MAX_TAG_VALUE_LENGTH) {
        return { ok: false, message: `In ${where}: the value is longer than ${MAX_TAG_VALUE_LENGTH} characters.` };
      }
    }
    if (seen.has(key)) return { ok: false, message: `Tag "${key}" appears twice; give each tag once.` };
    seen.add(key);
    conditions.push(value === undefined ? { key } : { key, value });
  }
  return { ok: true, conditions };
}

export function formatTagFilter(conditions: TagCondition[]): string {
  return conditions.map((c) => (c.value === undefined ? c.key : `${c.key}=${c.value}`)).join(",");
}

/** Whether `tags` meet every condition (a bare name: the tag is there; `name=value`: it has that value). */
export function tagsMatch(conditions: readonly TagCondition[], tags: Readonly<Record<string, string>>): boolean {
  return conditions.every((c) =>
    c.value === undefined ? Object.hasOwn(tags, c.key) : Object.hasOwn(tags, c.key) && tags[c.key] === c.value,
  );
}
