import "server-only";
import { db } from "@/server/db";
import { conflict, invalid } from "@/lib/errors";
import { parseAssetRef } from "@/lib/asset-ref";
import type { Json } from "@/lib/canonical-json";
import type { PipelineGraph, StepNode } from "@/lib/pipeline/types";
import { copyPipelineSchema, type CopyReference } from "@/lib/schemas/pipelines";
import type { PipelineDto } from "@/lib/schemas/dto";
import { actorLabel, type Actor } from "@/server/auth/actor";
import { recordEvent } from "@/server/events/record-event";
import { requireScope, type ScopeAccess } from "@/server/scopes/scope-access";
import { findPipelineRow } from "@/server/pipelines/find-pipeline";
import { parseStoredGraph, toPipelineDto } from "@/server/pipelines/pipeline-dto";
import { manifestHash, specHash } from "@/server/lineage/capture-lineage";

// Copying a pipeline to another workspace (develop in dev, retrain in prod on prod data): every data asset,
// component and environment the graph names in its own workspace is looked up in the target: matched (same name,
// version and content), different (the name exists with other versions or other bytes) or missing. Registry
// references travel as they are. Nothing is rebound silently: the copy is made only once every reference that is
// not matched has a choice, "keep" or "use:<ref>", and the copy remembers its origin.

type Versions = Map<number, string>; // version → content hash

async function versionsOf(
  scopeId: string,
  kind: "data" | "component" | "environment",
  name: string,
): Promise<Versions> {
  const rows = await db.assetVersion.findMany({
    where: { scopeId, kind, name },
    select: { version: true, spec: true, files: { select: { path: true, sha256: true } } },
  });
  return new Map(
    rows.map((r) => [
      r.version,
      kind === "environment"
        ? specHash(JSON.parse(r.spec) as Json)
        : kind === "data"
          ? manifestHash(r.files)
          : `${specHash(JSON.parse(r.spec) as Json)}|${manifestHash(r.files)}`,
    ]),
  );
}

function latest(versions: Versions): number | null {
  return versions.size ? Math.max(...versions.keys()) : null;
}

async function compare(
  source: ScopeAccess,
  target: ScopeAccess,
  kind: "data" | "component" | "environment",
  name: string,
  version: number | "latest",
): Promise<Pick<CopyReference, "status" | "targetVersions" | "note">> {
  const [mine, theirs] = await Promise.all([versionsOf(source.id, kind, name), versionsOf(target.id, kind, name)]);
  const asked = version === "latest" ? latest(mine) : version;
  const targetVersions = [...theirs.keys()].sort((a, b) => a - b);
  if (!theirs.size)
    return { status: "missing", targetVersions, note: `Workspace ${target.name} has no ${kind} "${name}".` };
  const hash = asked === null ? undefined : mine.get(asked);
  const there = version === "latest" ? theirs.get(latest(theirs)!) : theirs.get(version);
  if (hash && there === hash) return { status: "matched", targetVersions, note: "Same name, version and content." };
  return {
    status: "different",
    targetVersions,
    note:
      there === undefined
        ? `Workspace ${target.name} has "${name}" but not version ${asked}.`
        : `Version ${asked} of "${name}" in workspace ${target.name} holds other content.`,
  };
}

/** Every workspace reference of the graph, with where it is used. */
function referencesOf(
  graph: PipelineGraph,
  components: Map<string, { environment: { name: string; version: number | "latest" } | null }>,
) {
  const refs = new Map<
    string,
    { kind: CopyReference["kind"]; ref: string; name: string; version: number | "latest"; usedBy: string[] }
  >();
  const add = (kind: CopyReference["kind"], name: string, version: number | "latest", usedBy: string) => {
    const ref = version === "latest" ? `${name}@latest` : `${name}:${version}`;
    const key = `${kind}:${ref}`;
    const entry = refs.get(key) ?? { kind, ref, name, version, usedBy: [] };
    entry.usedBy.push(usedBy);
    refs.set(key, entry);
  };
  const data = (raw: string, usedBy: string) => {
    const parsed = parseAssetRef(raw);
    if (parsed.ok && !parsed.ref.registry) add("data", parsed.ref.name, parsed.ref.version, usedBy);
  };
  for (const node of graph.nodes) {
    if (node.kind === "input" && node.defaultData) data(node.defaultData, `input ${node.name}`);
    if (node.kind !== "step") continue;
    for (const [input, binding] of Object.entries(node.bindings))
      if (binding.kind === "data") data(binding.ref, `step ${node.id}, input ${input}`);
    if (node.component.scopeKind !== "workspace") continue;
    add("component", node.component.name, node.component.version, `step ${node.id}`);
    const env = components.get(`${node.component.name}:${node.component.version}`)?.environment;
    if (env) add("environment", env.name, env.version, `component ${node.component.name}:${node.component.version}`);
  }
  return refs;
}

async function componentEnvironments(scopeId: string, graph: PipelineGraph) {
  const steps = graph.nodes.filter((n): n is StepNode => n.kind === "step" && n.component.scopeKind === "workspace");
  const out = new Map<string, { environment: { name: string; version: number | "latest" } | null }>();
  for (const step of steps) {
    const key = `${step.component.name}:${step.component.version}`;
    if (out.has(key)) continue;
    const row = await db.assetVersion.findFirst({
      where: { scopeId, kind: "component", name: step.component.name, version: step.component.version },
      select: { spec: true },
    });
    const env = row
      ? (
          JSON.parse(row.spec) as {
            environment?: {
              kind: string;
              name?: string;
              version?: number | "latest" | null;
              registry?: string | null;
            } | null;
          }
        ).environment
      : null;
    out.set(key, {
      environment:
        env?.kind === "reference" && env.name && !env.registry
          ? { name: env.name, version: env.version ?? "latest" }
          : null,
    });
  }
  return out;
}

export async function copyPipeline(
  actor: Actor,
  workspace: string,
  id: string,
  input: unknown,
): Promise<{ references: CopyReference[]; pipeline: PipelineDto | null }> {
  const data = copyPipelineSchema.parse(input);
  const source = await requireScope(actor, { kind: "workspace", name: workspace }, "read");
  if (data.targetWorkspace === workspace) throw invalid("Copy to another workspace; clone a pipeline to copy it here.");
  const target = await requireScope(actor, { kind: "workspace", name: data.targetWorkspace }, "write");
  const origin = await findPipelineRow(db, source, id);
  const graph = parseStoredGraph(origin.graph);
  const refs = referencesOf(graph, await componentEnvironments(source.id, graph));
  const references: CopyReference[] = [];
  for (const [key, r] of refs)
    references.push({
      key,
      kind: r.kind,
      ref: r.ref,
      usedBy: r.usedBy,
      ...(await compare(source, target, r.kind, r.name, r.version)),
    });
  if (!data.confirm) return { references, pipeline: null };

  const unconfirmed = references.filter((r) => r.status !== "matched" && !data.confirm![r.key]);
  if (unconfirmed.length)
    throw conflict(
      `Choose "keep" or "use:<ref>" for every reference the target does not match: ${unconfirmed.map((r) => r.key).join(", ")}.`,
      { references: unconfirmed },
    );
  const choice = (kind: CopyReference["kind"], ref: string) => data.confirm![`${kind}:${ref}`];
  const rebindData = (raw: string) => {
    const parsed = parseAssetRef(raw);
    if (!parsed.ok || parsed.ref.registry) return raw;
    const ref =
      parsed.ref.version === "latest" ? `${parsed.ref.name}@latest` : `${parsed.ref.name}:${parsed.ref.version}`;
    const chosen = choice("data", ref);
    return chosen?.startsWith("use:") ? chosen.slice(4) : raw;
  };
  const copied: PipelineGraph = {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.kind === "input")
        return node.defaultData ? { ...node, defaultData: rebindData(node.defaultData) } : node;
      if (node.kind !== "step") return node;
      const bindings = Object.fromEntries(
        Object.entries(node.bindings).map(([k, b]) => [k, b.kind === "data" ? { ...b, ref: rebindData(b.ref) } : b]),
      );
      if (node.component.scopeKind !== "workspace") return { ...node, bindings };
      // A workspace component is the target's of that name: at the version chosen, else the same number.
      const chosen = choice("component", `${node.component.name}:${node.component.version}`);
      const version = chosen?.startsWith("use:") ? Number(chosen.slice(4)) : node.component.version;
      if (!Number.isInteger(version) || version < 1) throw invalid(`"${chosen}" is not a component version.`);
      return { ...node, bindings, component: { ...node.component, scopeName: target.name, version } };
    }),
  };
  const row = await db.$transaction(async (tx) => {
    const created = await tx.pipeline.create({
      data: {
        scopeId: target.id,
        name: data.name ?? origin.name,
        description: origin.description,
        experimentName: origin.experimentName,
        graph: JSON.stringify(copied),
        copiedFromWorkspace: source.name,
        copiedFromPipelineId: origin.id,
        createdById: actor.userId,
        createdByLabel: actorLabel(actor),
        updatedByLabel: actorLabel(actor),
      },
    });
    const summary = {
      from: { workspace: source.name, id: origin.id, name: origin.name },
      to: { workspace: target.name, id: created.id },
    };
    const choices = Object.fromEntries(
      references.filter((r) => r.status !== "matched").map((r) => [r.key, data.confirm![r.key]]),
    );
    for (const scope of [source, target])
      await recordEvent(tx, {
        actor,
        action: "pipeline.copied",
        subject: {
          type: "pipeline",
          id: scope === target ? created.id : origin.id,
          label: scope === target ? created.name : origin.name,
        },
        scopeId: scope.id,
        data: { ...summary, choices },
      });
    return created;
  });
  return { references, pipeline: await toPipelineDto(db, target, row) };
}
