import "server-only";
import { filesInCodeFolder } from "@/lib/components/code-folder";
import { withInlineCondaFile } from "@/server/components/inline-conda-file";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { isDeepStrictEqual } from "node:util";
import { posix } from "node:path";
import { db, type Tx } from "@/server/db";
import { AppError, conflict, invalid } from "@/lib/errors";
import { checkUploadPaths } from "@/lib/file-paths";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { invalidYaml } from "@/lib/yaml-source";
import type { ComponentSpec } from "@/lib/pipeline/types";
import type { ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { artifactStore } from "@/server/artifacts/store";
import { readUploadedText } from "@/server/artifacts/downloads";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { insertAssetVersion, type StoredAssetFile } from "@/server/assets/insert-asset-version";
import { loadProvenance } from "@/server/assets/asset-provenance";
import { toComponentDto, type ComponentVersionDto } from "@/server/components/component-dto";
import type { AssetVersionDetailRow } from "@/server/assets/asset-dto";

export type { StoredComponentSpec } from "@/server/components/stored-component-spec";
import { readComponentSpec, type StoredComponentSpec } from "@/server/components/stored-component-spec";

export type RegisterComponentInput = {
  /** The component YAML's text. */
  yaml: string;
  /** Where the YAML sits in the upload (its folder is where `code: ./src` is looked up); "component.yml" when alone. */
  yamlPath?: string;
  description?: string;
  tags?: Record<string, string>;
};

const MAX_YAML_BYTES = 256 * 1024;

/**
 * Registers a command component from its Azure ML YAML and the uploaded folder around it. The YAML is
 * checked as Azure ML's CLI would (an invalid one is refused with each line and reason, and nothing is
 * written). The files of its `code` folder become the version's files, paths relative to that folder.
 * A YAML that names its version gets that number: registering the same content again answers the
 * existing version, other content under a taken number is a conflict; without a version it gets the next.
 */
export async function registerComponent(
  actor: Actor,
  scopeRef: ScopeRef,
  input: RegisterComponentInput,
  uploaded: StoredAssetFile[] = [],
): Promise<{ component: ComponentVersionDto; isNew: boolean; warnings: string[] }> {
  const prepared = await prepareComponentVersion(actor, scopeRef, input, uploaded);
  const { row, isNew } = await db.$transaction((tx) => writeComponentVersion(tx, actor, prepared));
  return {
    component: toComponentDto(
      row,
      prepared.scope,
      isNew ? { origin: null, sharedTo: [] } : await loadProvenance(actor, row),
    ),
    isNew,
    // What the YAML holds that the studio does not use, as `az ml` would warn.
    warnings: prepared.warnings,
  };
}

/** A component version checked and ready to be written: everything but the database write is done. */
export type PreparedComponentVersion = {
  scope: ScopeAccess;
  spec: ComponentSpec;
  stored: StoredComponentSpec;
  code: StoredAssetFile[];
  description: string;
  tags: Record<string, string>;
  /** The parser's warnings: fields that are ignored or not supported, named. */
  warnings: string[];
};

/** Checks a component YAML and its code files (nothing is written to the database; the YAML's bytes go to the store). */
export async function prepareComponentVersion(
  actor: Actor,
  scopeRef: ScopeRef,
  input: RegisterComponentInput,
  uploaded: StoredAssetFile[] = [],
): Promise<PreparedComponentVersion> {
  if (typeof input.yaml !== "string" || input.yaml.trim() === "")
    throw invalid("Send the component's YAML (a command component in Azure ML CLI v2 format).");
  if (Buffer.byteLength(input.yaml) > MAX_YAML_BYTES)
    throw new AppError("too_large", `The component YAML is larger than ${MAX_YAML_BYTES / 1024} KiB.`);
  const yamlPath = input.yamlPath ?? "component.yml";
  const uploadedPaths = uploaded.map((f) => f.path);
  const paths = checkUploadPaths(uploadedPaths.includes(yamlPath) ? uploadedPaths : [yamlPath, ...uploadedPaths]);
  if (!paths.ok) throw invalid(paths.message);
  const parsed = parseComponentYaml(input.yaml);
  if (!parsed.ok) throw invalidYaml(yamlPath, "component", parsed.errors);
  const scope = await requireScope(actor, scopeRef, "write");
  const spec = { ...parsed.spec, environment: await withInlineCondaFile(parsed.spec.environment, yamlPath, uploaded) };
  const code = filesInCodeFolder(spec.code, yamlPath, uploaded);
  for (const file of code) {
    if (!(await artifactStore.has(file.sha256)))
      throw invalid(`The bytes of "${file.path}" are not in the artifact store.`);
  }
  const stored: StoredComponentSpec = { component: spec, yaml: input.yaml, yamlPath: posix.basename(yamlPath) };
  return {
    scope,
    spec,
    stored,
    code,
    description: input.description ?? spec.description,
    tags: input.tags ?? spec.tags,
    warnings: parsed.warnings,
  };
}

/**
 * Writes a prepared version inside a transaction (an import writes several, and its draft, as one).
 * The same content under its explicit version answers the existing version; other content is a conflict.
 */
export async function writeComponentVersion(
  tx: Tx,
  actor: Actor,
  prepared: PreparedComponentVersion,
  options: { coexist?: boolean } = {},
): Promise<{ row: AssetVersionDetailRow; isNew: boolean; taken?: number }> {
  const { scope, spec, code } = prepared;
  let stored = prepared.stored;
  let version = spec.version;
  const existing =
    version === null
      ? null
      : await tx.assetVersion.findFirst({
          where: { scopeId: scope.id, kind: "component", name: spec.name, version },
          include: { files: { orderBy: { path: "asc" } } },
        });
  if (existing) {
    if (isSameContent(existing, stored, code)) return { row: existing, isNew: false };
    if (!options.coexist)
      throw conflict(
        `Component ${spec.name} version ${spec.version} already exists with other content; give the YAML a new version (or none, for the next one).`,
      );
    // A pipeline's local component that differs from the registered one under its number: as Azure ML registers
    // local components anonymously so that both coexist, it gets a version of its own (the same content again
    // finds that version).
    const others = await tx.assetVersion.findMany({
      where: { scopeId: scope.id, kind: "component", name: spec.name },
      include: { files: { orderBy: { path: "asc" } } },
      orderBy: { version: "desc" },
      take: 200,
    });
    const same = others.find((row) => isSameContent(row, stored, code));
    if (same) return { row: same, isNew: false, taken: existing.version };
    stored = { ...stored, component: { ...stored.component, version: null } };
    version = null;
  }
  try {
    const row = await insertAssetVersion(
      tx,
      actor,
      scope,
      {
        kind: "component",
        name: spec.name,
        description: prepared.description,
        tags: prepared.tags,
        spec: stored,
        files: code,
        profileStatus: null,
        version: version ?? undefined,
      },
      null,
    );
    return { row, isNew: true, ...(existing ? { taken: existing.version } : {}) };
  } catch (error) {
    // Two registrations of one explicit version at once: the unique (asset, version) index lets one win.
    if (isUniqueViolation(error))
      throw conflict(
        `Component ${spec.name} version ${spec.version} was registered at the same moment by someone else.`,
      );
    throw error;
  }
}

function isSameContent(
  row: { spec: string; files: { path: string; sha256: string }[] },
  stored: StoredComponentSpec,
  code: StoredAssetFile[],
): boolean {
  const before = readComponentSpec(row.spec);
  // Compared as JSON values (key order aside: the stored row comes back in the schema's order), whatever version
  // the YAML named (a coexisting copy keeps none).
  const comparable = (component: ComponentSpec) => JSON.parse(JSON.stringify({ ...component, version: null }));
  if (!isDeepStrictEqual(comparable(before.component), comparable(stored.component))) return false;
  const key = (files: { path: string; sha256: string }[]) =>
    files
      .map((f) => `${f.path}\u0000${f.sha256}`)
      .sort()
      .join("\n");
  return key(row.files) === key(code);
}

/**
 * A folder upload that holds a component: its YAML is the file `yamlPath` names, else the one YAML file
 * nearest the top of the folder (two at that depth is ambiguous: say which with `yamlPath`).
 */
export async function registerComponentFromUpload(
  actor: Actor,
  scopeRef: ScopeRef,
  fields: { yamlPath?: string; description?: string; tags?: Record<string, string> },
  uploaded: StoredAssetFile[],
): Promise<{ component: ComponentVersionDto; isNew: boolean; warnings: string[] }> {
  await requireScope(actor, scopeRef, "write");
  const { file: yamlFile, yaml } = await findComponentYaml(uploaded, fields.yamlPath);
  return registerComponent(
    actor,
    scopeRef,
    { yaml, yamlPath: yamlFile.path, description: fields.description, tags: fields.tags },
    uploaded,
  );
}

/**
 * The component's YAML in a folder upload: the file `yamlPath` names, else the YAML nearest the top of the folder;
 * of several there, the one that is a command component (a conda file beside it is not one).
 */
async function findComponentYaml(
  files: StoredAssetFile[],
  yamlPath?: string,
): Promise<{ file: StoredAssetFile; yaml: string }> {
  if (yamlPath) {
    const named = files.find((f) => f.path === yamlPath);
    if (!named) throw invalid(`The upload has no file "${yamlPath}".`);
    return { file: named, yaml: await yamlTextOf(named) };
  }
  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.path));
  if (!yamls.length) throw invalid("The upload holds no .yml or .yaml file: add the component's YAML.");
  const depth = (path: string) => path.split("/").length;
  const top = Math.min(...yamls.map((f) => depth(f.path)));
  const candidates = yamls.filter((f) => depth(f.path) === top);
  if (candidates.length === 1) return { file: candidates[0]!, yaml: await yamlTextOf(candidates[0]!) };
  const components: { file: StoredAssetFile; yaml: string }[] = [];
  for (const file of candidates.slice(0, 20)) {
    const yaml = file.size <= MAX_YAML_BYTES ? await yamlTextOf(file) : "";
    if (/^type:\s*command\s*$/m.test(yaml) || /^\$schema:.*commandComponent/m.test(yaml))
      components.push({ file, yaml });
  }
  if (components.length === 1) return components[0]!;
  throw invalid(
    `The upload holds several YAML files (${candidates.map((f) => f.path).join(", ")}); say which is the component with yamlPath.`,
  );
}

const yamlTextOf = (file: StoredAssetFile) => readUploadedText(file, MAX_YAML_BYTES);
