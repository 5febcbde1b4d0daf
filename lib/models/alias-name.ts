// A model alias (champion, challenger) as MLflow names them (mlflow/utils/validation.py): letters, digits, _ and -,
// at most 255 characters; "latest" (any case) and version-like names (v1, V12) are reserved, since `model@latest`
// and `model@v3` would be ambiguous.

export const MAX_ALIAS_LENGTH = 255;

/** Why an alias name is refused, or null when it is fine. */
export function aliasNameProblem(alias: string): string | null {
  if (!alias) return "Registered model alias name cannot be empty.";
  if (!/^[\p{L}\p{N}_-]+$/u.test(alias))
    return `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`;
  if (alias.length > MAX_ALIAS_LENGTH)
    return `Registered model alias name '${alias.slice(0, 250)}' had length ${alias.length}, which exceeded length limit of ${MAX_ALIAS_LENGTH}`;
  if (alias.toLowerCase() === "latest") return "'latest' alias name (case insensitive) is reserved.";
  if (/^[vV]\d+$/.test(alias)) return `Version alias name '${alias}' is reserved.`;
  return null;
}
