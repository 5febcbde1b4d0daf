import { assetNameSchema, scopeNameSchema } from "@/lib/schemas/common";

// References to an asset version as a job names them: `name:version`, `name@latest` or `name`
// (= latest), optionally prefixed `registries/<registry>/` to take it from a registry.

export type AssetRef = { registry: string | null; name: string; version: number | "latest" };

export function parseAssetRef(raw: string): { ok: true; ref: AssetRef } | { ok: false; message: string } {
  let rest = raw.trim();
  let registry: string | null = null;
  const prefixed = /^registries\/([^/]+)\/(.*)$/.exec(rest);
  if (prefixed) {
    if (!scopeNameSchema.safeParse(prefixed[1]).success)
      return { ok: false, message: `"${prefixed[1]}" is not a registry name.` };
    registry = prefixed[1];
    rest = prefixed[2];
  }
  let version: AssetRef["version"] = "latest";
  let name = rest;
  if (rest.endsWith("@latest")) {
    name = rest.slice(0, -"@latest".length);
  } else {
    const colon = rest.lastIndexOf(":");
    if (colon !== -1) {
      const v = rest.slice(colon + 1);
      if (!/^[1-9][0-9]{0,8}$/.test(v)) return { ok: false, message: `"${v}" is not a version number in "${raw}".` };
      version = Number(v);
      name = rest.slice(0, colon);
    }
  }
  if (!assetNameSchema.safeParse(name).success || name !== name.trim())
    return { ok: false, message: `"${name}" is not an asset name in "${raw}".` };
  return { ok: true, ref: { registry, name, version } };
}

export function formatAssetRef(
  scope: { kind: "workspace" | "registry"; name: string },
  name: string,
  version: number,
): string {
  return scope.kind === "registry" ? `registries/${scope.name}/${name}:${version}` : `${name}:${version}`;
}

/**
 * A model reference that follows an alias: `name@alias` or `registries/<registry>/name@alias` (`@latest` is the
 * latest version, not an alias). Answers the reference without its alias, or null when it names no alias.
 */
export function splitAliasRef(raw: string): { ref: string; alias: string } | null {
  const match = /^(.+)@([^@/:]+)$/.exec(raw.trim());
  if (!match || match[2] === "latest") return null;
  return { ref: match[1]!, alias: match[2]! };
}

export function formatAliasRef(scope: { kind: "workspace" | "registry"; name: string }, name: string, alias: string) {
  return scope.kind === "registry" ? `registries/${scope.name}/${name}@${alias}` : `${name}@${alias}`;
}
