/**
 * The smallest string greater than every string that starts with `prefix` (for an index range), or null
 * when there is none (an empty prefix, or one made only of U+FFFF, which cannot be incremented).
 */
export function prefixUpperBound(prefix: string): string | null {
  let end = prefix.length;
  // A trailing U+FFFF cannot be incremented: carry into the character before it.
  while (end > 0 && prefix.charCodeAt(end - 1) === 0xffff) end--;
  if (end === 0) return null;
  return prefix.slice(0, end - 1) + String.fromCharCode(prefix.charCodeAt(end - 1) + 1);
}
