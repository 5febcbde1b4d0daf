import "server-only";
import { codeFolderOf, folderPrefix } from "@/lib/components/code-folder";
import { readComponentSpec } from "@/server/components/stored-component-spec";
import { posix } from "node:path";
import { db } from "@/server/db";
import { AppError, invalid } from "@/lib/errors";
import { parseComponentYaml } from "@/lib/components/component-yaml";
import { toComponentRef } from "@/lib/pipeline/component-ref";
import { autoLayout } from "@/lib/pipeline/layout";
import { componentReferencesOf, type PipelineDoc } from "@/lib/pipeline/pipeline-yaml-doc";
import { pipelineDocToGraph } from "@/lib/pipeline/pipeline-yaml-graph";
import { parsePipelineYaml } from "@/lib/pipeline/pipeline-yaml-read";
import type { ComponentRef, ComponentSpec } from "@/lib/pipeline/types";
import type { PipelineDto } from "@/lib/schemas/dto";
import type { Actor } from "@/server/auth/actor";
import { readUploadedText } from "@/server/artifacts/downloads";
import { requireScope } from "@/server/scopes/scope-access";
import type { StoredAssetFile } from "@/server/assets/insert-asset-version";
import { findAssetVersionOrThrow } from "@/server/assets/find-asset-version";
import {
  prepareComponentVersion,
  writeComponentVersion,
  type PreparedComponentVersion,
} from "@/server/components/register-component";
import { insertPipeline } from "@/server/pipelines/create-pipeline";
import { toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { createPipelineSchema } from "@/lib/schemas/pipelines";

const MAX_YAML_BYTES = 1024 * 1024;

const textOf = (file: StoredAssetFile) => readUploadedText(file, MAX_YAML_BYTES);

/**
 * Imports an Azure ML pipeline-job YAML, uploaded as a folder with its component YAMLs and code folders,
 * into a new draft: local components are registered in the workspace (an identical version already
 * there is reused), registered ones (`azureml:name:3`) are looked up, `${{parent.*}}` bindings become
 * pipeline inputs, outputs and edges, and the steps are laid out. Everything is checked first: a missing
 * component file, an unknown reference or an invalid YAML is reported by name, and nothing is written;
 * the components and the draft are then written in one transaction.
 */
export async function importPipeline(
  actor: Actor,
  workspace: string,
  uploaded: StoredAssetFile[],
  options: { pipelinePath?: string } = {},
): Promise<{ pipeline: PipelineDto; warnings: string[] }> {
  const scope = await requireScope(actor, { kind: "workspace", name: workspace }, "write");
  const yamlFiles = uploaded.filter((f) => /\.ya?ml$/i.test(f.path));
  const texts = new Map<string, string>();
  for (const f of yamlFiles) texts.set(f.path, await textOf(f));

  // The pipeline YAML: the one named, else the one YAML that declares `type: pipeline`.
  const candidates = options.pipelinePath
    ? [options.pipelinePath]
    : yamlFiles.map((f) => f.path).filter((p) => /^\s*type:\s*pipeline\s*$/m.test(texts.get(p)!));
  if (options.pipelinePath && !texts.has(options.pipelinePath))
    throw invalid(`The upload has no file "${options.pipelinePath}".`);
  if (!candidates.length) throw invalid("The upload holds no pipeline YAML (a YAML file with `type: pipeline`).");
  if (candidates.length > 1)
    throw invalid(`The upload holds several pipeline YAMLs (${candidates.join(", ")}); say which with pipelinePath.`);
  const pipelinePath = candidates[0];
  const parsed = parsePipelineYaml(texts.get(pipelinePath)!);
  if (!parsed.ok) throw problems(pipelinePath, parsed.errors);
  const doc: PipelineDoc = parsed.doc;
  const warnings = [...parsed.warnings];

  // Every component first: files present and valid, references known.
  const errors: string[] = [];
  const folder = posix.dirname(pipelinePath);
  // Inline steps' components, made by the reader, sit beside the pipeline as if they were files there.
  for (const [path, text] of Object.entries(doc.inlineComponents))
    texts.set(posix.normalize(posix.join(folder, path)), text);
  const local: { path: string; spec: ComponentSpec; steps: string[] }[] = [];
  const byStep: Record<string, ComponentRef> = {};
  for (const ref of componentReferencesOf(doc)) {
    if (ref.kind === "file") {
      const path = posix.normalize(posix.join(folder, ref.path));
      const text = texts.get(path);
      if (text === undefined) {
        errors.push(`Missing component file ${ref.path} (used by ${ref.steps.join(", ")}).`);
        continue;
      }
      const component = parseComponentYaml(text);
      if (!component.ok) {
        errors.push(
          `${path}: ${component.errors.map((e) => (e.line === null ? e.message : `line ${e.line}: ${e.message}`)).join("; ")}`,
        );
        continue;
      }
      warnings.push(...component.warnings.map((w) => `${path}: ${w}`));
      const codeFolder = component.spec.code === null ? null : codeFolderOf(path, component.spec.code);
      if (
        component.spec.code !== null &&
        (codeFolder === null || !uploaded.some((f) => f.path.startsWith(folderPrefix(codeFolder)) && f.path !== path))
      ) {
        errors.push(`The code folder ${component.spec.code} of ${path} is not in the upload.`);
        continue;
      }
      local.push({ path, spec: component.spec, steps: ref.steps });
    } else {
      const scopeRef = ref.registry
        ? { kind: "registry" as const, name: ref.registry }
        : { kind: "workspace" as const, name: workspace };
      const label = `azureml:${ref.registry ? `//registries/${ref.registry}/components/` : ""}${ref.name}${ref.version === "latest" ? "@latest" : `:${ref.version}`}`;
      try {
        const owner = await requireScope(actor, scopeRef, "read");
        const row = await findAssetVersionOrThrow(db, owner.id, "component", ref.name, ref.version);
        const stored = readComponentSpec(row.spec);
        // `@latest` stays latest: each submit runs the version that is latest then, as Azure ML resolves it.
        const component = toComponentRef(scopeRef, row.version, stored.component);
        for (const step of ref.steps)
          byStep[step] = ref.version === "latest" ? { ...component, followsLatest: true } : component;
      } catch {
        errors.push(`Unknown component ${label} (used by ${ref.steps.join(", ")}): no such version that you may read.`);
      }
    }
  }
  if (errors.length) throw new AppError("invalid", `The pipeline was not imported: ${errors.join(" ")}`, { errors });

  // A dry run of the graph with placeholder versions catches binding errors before anything is written.
  const placeholder = { ...byStep };
  for (const c of local)
    for (const step of c.steps)
      placeholder[step] = toComponentRef({ kind: "workspace", name: workspace }, c.spec.version ?? 1, c.spec);
  const dry = pipelineDocToGraph(doc, placeholder);
  if (!dry.ok) throw problems(pipelinePath, dry.errors);

  // The component versions are checked before the one transaction that writes them and the draft:
  // an import lands whole or not at all.
  const prepared: { steps: string[]; version: PreparedComponentVersion }[] = [];
  for (const c of local)
    prepared.push({
      steps: c.steps,
      version: await prepareComponentVersion(
        actor,
        { kind: "workspace", name: workspace },
        { yaml: texts.get(c.path)!, yamlPath: c.path },
        uploaded,
      ),
    });
  const row = await db.$transaction(async (tx) => {
    for (const c of prepared) {
      const { row: version, taken } = await writeComponentVersion(tx, actor, c.version, { coexist: true });
      if (taken !== undefined)
        warnings.push(
          `Component ${c.version.spec.name} version ${taken} already exists with other content: this pipeline's ${c.version.spec.name} is version ${version.version} (as Azure ML registers such local components anonymously, both stay).`,
        );
      for (const step of c.steps)
        byStep[step] = toComponentRef({ kind: "workspace", name: workspace }, version.version, c.version.spec);
    }
    const built = pipelineDocToGraph(doc, byStep);
    if (!built.ok) throw problems(pipelinePath, built.errors);
    warnings.push(...built.warnings);
    const data = createPipelineSchema.parse({
      name: (built.displayName ?? posix.basename(pipelinePath).replace(/\.ya?ml$/i, "")).slice(0, 200),
      description: built.description ?? "",
      ...(built.experimentName ? { experimentName: built.experimentName } : {}),
      graph: autoLayout(built.graph, { direction: "TB" }),
    });
    return insertPipeline(tx, actor, scope, data);
  });
  const pipeline = await toPipelineDto(db, scope, row);
  return { pipeline, warnings };
}

function problems(path: string, errors: { line: number | null; message: string }[]): AppError {
  return new AppError(
    "invalid",
    `${path}: ${errors.map((e) => (e.line === null ? e.message : `line ${e.line}: ${e.message}`)).join("; ")}`,
    { errors },
  );
}
