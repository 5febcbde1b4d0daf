import type { ComponentEnvironment } from "@/lib/pipeline/types";

// The reference forms Azure ML CLI v2 YAML uses for environments, components and data, and the local
// paths it gives for code folders and component files, parsed into what the studio resolves.
// Versions here are whole numbers (as every asset version in the studio is); the only label is latest.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Asset names: letters, digits, `_`, `-` and `.`, starting with a letter or digit (Azure's samples use `Eval`). */
export const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
/** Registries in the studio are named like workspaces. */
const REGISTRY_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const VERSION_TEXT = /^[1-9][0-9]{0,8}$/;

export const WHOLE_VERSIONS = "versions here are whole numbers (1, 2, 3 …)";

/** A version as YAML gives it: `3` or `"3"`. */
export function parseVersion(raw: unknown): Parsed<number> {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 1 && raw <= 999_999_999)
    return { ok: true, value: raw };
  if (typeof raw === "string" && VERSION_TEXT.test(raw.trim())) return { ok: true, value: Number(raw.trim()) };
  return { ok: false, message: `Version "${String(raw)}" is not supported: ${WHOLE_VERSIONS}.` };
}

type AssetPointer = { registry: string | null; name: string; version: number | "latest" | null };

/**
 * `azureml:name:3`, `azureml:name@latest`, `azureml:name`, `name:3`, `name@latest`, and the registry forms
 * `azureml://registries/<r>/<kind>/<name>/versions/<v>` and `…/labels/latest`.
 */
function parsePointer(
  raw: string,
  kind: "environments" | "components" | "data" | "models",
  what: string,
): Parsed<AssetPointer> {
  const text = raw.trim();
  if (text === "") return { ok: false, message: `The ${what} reference is empty.` };
  if (text.startsWith("azureml://")) {
    const m = new RegExp(`^azureml://registries/([^/]+)/${kind}/([^/]+)/(versions|labels)/([^/]+)$`).exec(text);
    if (!m)
      return {
        ok: false,
        message: `"${text}" is not understood: a registry ${what} is azureml://registries/<registry>/${kind}/<name>/versions/<version>.`,
      };
    if (!REGISTRY_NAME.test(m[1]))
      return {
        ok: false,
        message: `"${m[1]}" in "${text}" is not a registry name (lowercase letters, digits and '-').`,
      };
    const name = checkName(m[2], text);
    if (!name.ok) return name;
    if (m[3] === "labels") {
      if (m[4] !== "latest")
        return { ok: false, message: `The label "${m[4]}" in "${text}" is not supported: the only label is latest.` };
      return { ok: true, value: { registry: m[1], name: m[2], version: "latest" } };
    }
    const version = parseVersion(m[4]);
    if (!version.ok)
      return { ok: false, message: `Version "${m[4]}" in "${text}" is not supported: ${WHOLE_VERSIONS}.` };
    return { ok: true, value: { registry: m[1], name: m[2], version: version.value } };
  }
  if (text.startsWith("azureml:/"))
    return {
      ok: false,
      message: `"${text}" is an Azure resource ID; refer to the ${what} as azureml:<name>:<version> instead.`,
    };
  const rest = text.startsWith("azureml:") ? text.slice("azureml:".length) : text;
  const at = rest.indexOf("@");
  if (at !== -1) {
    const label = rest.slice(at + 1);
    if (label !== "latest")
      return { ok: false, message: `The label "${label}" in "${text}" is not supported: the only label is latest.` };
    const name = checkName(rest.slice(0, at), text);
    return name.ok ? { ok: true, value: { registry: null, name: name.value, version: "latest" } } : name;
  }
  const colon = rest.lastIndexOf(":");
  if (colon === -1) {
    const name = checkName(rest, text);
    return name.ok ? { ok: true, value: { registry: null, name: name.value, version: null } } : name;
  }
  const name = checkName(rest.slice(0, colon), text);
  if (!name.ok) return name;
  const version = parseVersion(rest.slice(colon + 1));
  if (!version.ok)
    return {
      ok: false,
      message: `Version "${rest.slice(colon + 1)}" in "${text}" is not supported: ${WHOLE_VERSIONS}.`,
    };
  return { ok: true, value: { registry: null, name: name.value, version: version.value } };
}

function checkName(name: string, whole: string): Parsed<string> {
  if (ASSET_NAME.test(name)) return { ok: true, value: name };
  return { ok: false, message: `"${name}" in "${whole}" is not a name (letters, digits, '_', '-' and '.').` };
}

/** An environment by reference, as a component's `environment:` names it. */
export function parseEnvironmentReference(raw: string): Parsed<Extract<ComponentEnvironment, { kind: "reference" }>> {
  const pointer = parsePointer(raw, "environments", "environment");
  if (!pointer.ok) return pointer;
  return { ok: true, value: { kind: "reference", reference: raw.trim(), ...pointer.value } };
}

/**
 * A model in a deployment YAML (`azureml:iris:3`, `azureml:iris@latest`, a registry URI), as the studio's model
 * reference (`iris:3`, `iris@latest`, `registries/<r>/iris:3`). A bare `azureml:iris` is the latest version.
 */
export function parseModelReference(raw: string): Parsed<string> {
  const pointer = parsePointer(raw, "models", "model");
  if (!pointer.ok) return pointer;
  const { registry, name, version } = pointer.value;
  const base = version === null || version === "latest" ? `${name}@latest` : `${name}:${version}`;
  return { ok: true, value: registry ? `registries/${registry}/${base}` : base };
}

/** A component by reference in a pipeline job: `azureml:name:3`, `azureml:name@latest`, a registry URI. A bare `azureml:name` means latest. */
export type ComponentAssetRef = { registry: string | null; name: string; version: number | "latest" };

export function parseComponentAssetReference(raw: string): Parsed<ComponentAssetRef> {
  const pointer = parsePointer(raw, "components", "component");
  if (!pointer.ok) return pointer;
  return { ok: true, value: { ...pointer.value, version: pointer.value.version ?? "latest" } };
}

export function formatComponentAssetReference(ref: {
  registry: string | null;
  name: string;
  version: number | "latest";
}): string {
  if (ref.registry)
    return `azureml://registries/${ref.registry}/components/${ref.name}/${ref.version === "latest" ? "labels/latest" : `versions/${ref.version}`}`;
  return `azureml:${ref.name}${ref.version === "latest" ? "@latest" : `:${ref.version}`}`;
}

/**
 * A data asset in a job input's `path:` (`azureml:iris:1`, `azureml:iris@latest`, a registry URI), as the
 * studio's data reference (`iris:1`, `iris@latest`, `registries/<r>/iris:1`). A bare `azureml:iris` is latest.
 */
export function parseDataReference(raw: string): Parsed<string> {
  const pointer = parsePointer(raw, "data", "data asset");
  if (!pointer.ok) return pointer;
  const { registry, name, version } = pointer.value;
  const base = version === null || version === "latest" ? `${name}@latest` : `${name}:${version}`;
  return { ok: true, value: registry ? `registries/${registry}/${base}` : base };
}

/** The YAML form of a studio data reference: `iris:1` → `azureml:iris:1`, `registries/r/iris:1` → a registry URI. */
export function formatDataReference(ref: string): string {
  const m = /^registries\/([^/]+)\/(.+)$/.exec(ref);
  if (!m) return `azureml:${ref}`;
  const [, registry, rest] = m;
  if (rest.endsWith("@latest"))
    return `azureml://registries/${registry}/data/${rest.slice(0, -"@latest".length)}/labels/latest`;
  const colon = rest.lastIndexOf(":");
  return colon === -1
    ? `azureml://registries/${registry}/data/${rest}/labels/latest`
    : `azureml://registries/${registry}/data/${rest.slice(0, colon)}/versions/${rest.slice(colon + 1)}`;
}

/**
 * A path relative to the YAML's folder (`./src`, `src/sub`, `./conf/../src`), normalised to `src` form
 * (`.` for the folder itself). Absolute paths, URLs and paths that climb above the folder are refused:
 * an upload holds the YAML's folder and nothing above it.
 */
export function normaliseRelativePath(raw: string, what: string): Parsed<string> {
  const text = raw.trim();
  if (text === "") return { ok: false, message: `The ${what} path is empty.` };
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) || text.startsWith("azureml:") || text.startsWith("git+")) {
    return {
      ok: false,
      message: `The ${what} "${text}" is not a local path: give a folder beside the YAML, such as ./src.`,
    };
  }
  if (text.startsWith("/") || text.startsWith("\\") || text.startsWith("~") || /^[A-Za-z]:/.test(text)) {
    return {
      ok: false,
      message: `The ${what} "${text}" is an absolute path: give a path relative to the YAML's folder, such as ./src.`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text))
    return { ok: false, message: `The ${what} path "${text}" contains control characters.` };
  const segments: string[] = [];
  for (const segment of text.split(/[\\/]+/)) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0)
        return {
          ok: false,
          message: `The ${what} "${text}" climbs above the YAML's folder (..): only files inside the uploaded folder can be used.`,
        };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { ok: true, value: segments.length === 0 ? "." : segments.join("/") };
}

/**
 * Where a data path that is not a studio data asset points, in words: a datastore path, a URL, cloud storage, or
 * a local path (relative to the YAML). Used in warnings about inputs the import cannot bring in.
 */
export function describeDataPath(path: string): string {
  const datastore = /^azureml:\/\/(?:.*\/)?datastores\/([^/]+)\/paths\/(.*)$/.exec(path);
  if (datastore) return `the datastore path ${datastore[2]} (datastore ${datastore[1]}, ${path})`;
  if (path.startsWith("azureml:")) return `the Azure ML URI ${path}`;
  if (/^https?:\/\//i.test(path)) return `the URL ${path}`;
  if (/^(wasbs?|abfss?|adl|s3|gs):\/\//i.test(path)) return `the cloud storage URI ${path}`;
  return `the local path ${path}`;
}
