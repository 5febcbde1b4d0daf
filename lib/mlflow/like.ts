// SQL LIKE patterns as MLflow evaluates them: % any run of characters, _ one character; LIKE is
// case-sensitive, ILIKE is not.

export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = "";
  for (const c of pattern)
    source += c === "%" ? "[\\s\\S]*" : c === "_" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${source}$`, caseInsensitive ? "i" : "");
}
