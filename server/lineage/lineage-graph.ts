import "server-only";
import { db } from "@/server/db";
import { lineageQueries as q } from "@/server/lineage/lineage-queries";
import { pages } from "@/lib/routes";
import { lineageQuerySchema, type LineageGraph, type LineageNode, type LineageNodeKind } from "@/lib/schemas/lineage";
import type { CommandJobSpec } from "@/lib/schemas/jobs";
import type { ScopeKind, ScopeRef } from "@/lib/scopes";
import type { Actor } from "@/server/auth/actor";
import { resolveLineageRoots } from "@/server/lineage/lineage-roots";

// The lineage graph: data → job → pipeline job → model version → registry copy → deployment → endpoint. Walked
// a layer at a time from the asset asked about, upstream and downstream, with one query per kind of node in
// each layer (IN lists on indexed columns), so a model with hundreds of versions and deployments costs a dozen
// queries, not thousands. A node in a scope the reader is not a member of is kept (it exists) but not
// expanded, and has no link.

const MAX_NODES = 2000;

type Key = string; // "<kind>:<id>"
type Found = { key: Key; scopeId: string | null };
type Step = { from: Key; to: Key; node: Found };

const key = (kind: LineageNodeKind, id: string): Key => `${kind}:${id}`;
const idsOf = (keys: Key[], kind: LineageNodeKind) =>
  keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));

/** Upstream neighbours of a layer: where each node came from. Edges point downstream (from → to). */
async function upstream(frontier: Key[]): Promise<Step[]> {
  const steps: Step[] = [];
  const push = (from: Key, to: Key, scopeId: string | null) => steps.push({ from, to, node: { key: from, scopeId } });
  const [lineages, origins, jobRows, deploymentRows, endpointRows] = await Promise.all([
    q.lineageOfVersions(idsOf(frontier, "model")),
    q.originsOfCopies(idsOf(frontier, "model")),
    q.jobsWithSpecs(idsOf(frontier, "job")),
    q.deploymentsById(idsOf(frontier, "deployment")),
    q.deploymentsOfEndpoints(idsOf(frontier, "endpoint")),
  ]);
  // A registry copy comes from its origin, which comes from the job (the copy's lineage names the origin's job).
  for (const o of origins) push(key("model", o.sourceVersionId), key("model", o.id), o.sourceScopeId);
  for (const l of lineages) {
    if (l.originVersionId) continue;
    const via = l.pipelineJobId ?? l.jobId;
    if (via) push(key("job", via), key("model", l.versionId), l.scopeId);
  }
  const [stepRows, dataRows] = await Promise.all([
    q.stepsOf(jobRows.filter((j) => j.kind === "pipeline").map((j) => j.id)),
    dataInputsOf(jobRows.filter((j) => j.kind !== "pipeline")),
  ]);
  for (const s of stepRows) push(key("job", s.id), key("job", s.parentJobId), s.scopeId);
  steps.push(...dataRows);
  for (const d of deploymentRows) push(key("model", d.modelVersionId), key("deployment", d.id), d.modelScopeId);
  for (const d of endpointRows) push(key("deployment", d.id), key("endpoint", d.endpointId), d.scopeId);
  return steps;
}

/** The data asset versions jobs read (recorded in their specs as submitted). */
async function dataInputsOf(jobs: { id: string; spec: string }[]): Promise<Step[]> {
  const wanted: { job: string; versionId: string }[] = [];
  for (const job of jobs) {
    const spec = JSON.parse(job.spec) as Partial<CommandJobSpec>;
    for (const input of Object.values(spec.inputs ?? {}))
      if (input.type === "data" && input.versionId && !input.fromJob)
        wanted.push({ job: job.id, versionId: input.versionId });
  }
  const scopeOf = new Map(
    (await q.dataScopes([...new Set(wanted.map((w) => w.versionId))])).map((r) => [r.id, r.scopeId]),
  );
  return wanted
    .filter((w) => scopeOf.has(w.versionId))
    .map((w) => ({
      from: key("data", w.versionId),
      to: key("job", w.job),
      node: { key: key("data", w.versionId), scopeId: scopeOf.get(w.versionId)! },
    }));
}

/** Downstream neighbours of a layer: what was made from each node. */
async function downstream(frontier: Key[]): Promise<Step[]> {
  const steps: Step[] = [];
  const push = (from: Key, to: Key, scopeId: string | null) => steps.push({ from, to, node: { key: to, scopeId } });
  const jobs = idsOf(frontier, "job");
  const [copies, deploymentRows, parents, byJob, byData, endpointRows] = await Promise.all([
    q.copiesOf(idsOf(frontier, "model")),
    q.deploymentsOfVersions(idsOf(frontier, "model")),
    q.parentsOf(jobs),
    q.versionsFromJobs(jobs),
    q.jobsFromData(idsOf(frontier, "data")),
    q.deploymentsById(idsOf(frontier, "deployment")),
  ]);
  for (const c of copies) push(key("model", c.sourceVersionId), key("model", c.id), c.scopeId);
  for (const d of deploymentRows) push(key("model", d.modelVersionId), key("deployment", d.id), d.scopeId);
  for (const j of parents) push(key("job", j.id), key("job", j.parentJobId), j.scopeId);
  const asked = new Set(jobs);
  for (const l of byJob) {
    // A step's model is its pipeline job's output: step → pipeline job → model.
    const from = l.pipelineJobId ? (asked.has(l.pipelineJobId) ? l.pipelineJobId : null) : l.jobId;
    if (from) push(key("job", from), key("model", l.versionId), l.scopeId);
  }
  for (const d of byData) if (d.jobId) push(key("data", d.assetVersionId), key("job", d.jobId), d.scopeId);
  for (const d of endpointRows) push(key("deployment", d.id), key("endpoint", d.endpointId), d.scopeId);
  return steps;
}

/** The lineage graph around an asset, as far as `depth` layers each way. */
export async function lineageGraph(actor: Actor, query: unknown): Promise<LineageGraph> {
  const ask = lineageQuerySchema.parse(query);
  const [{ scope, roots }, memberships] = await Promise.all([
    resolveLineageRoots(actor, ask.asset),
    db.membership.findMany({ where: { userId: actor.userId }, select: { scopeId: true } }),
  ]);
  const member = new Set(memberships.map((m) => m.scopeId));
  const scopeOfNode = new Map<Key, string | null>(roots.map((r) => [r, scope.id]));
  const edges = new Map<string, { from: Key; to: Key }>();
  let truncated = false;
  const walk = async (expand: (frontier: Key[]) => Promise<Step[]>) => {
    let frontier = roots;
    const seen = new Set<Key>(roots);
    for (let level = 0; level < ask.depth && frontier.length && !truncated; level++) {
      // Nothing is read through a node the reader may not open.
      const open = frontier.filter((k) => member.has(scopeOfNode.get(k) ?? ""));
      const next: Key[] = [];
      for (const step of await expand(open)) {
        edges.set(`${step.from}>${step.to}`, { from: step.from, to: step.to });
        if (!scopeOfNode.has(step.node.key)) {
          if (scopeOfNode.size >= MAX_NODES) {
            truncated = true;
            break;
          }
          scopeOfNode.set(step.node.key, step.node.scopeId);
        }
        if (!seen.has(step.node.key)) {
          seen.add(step.node.key);
          next.push(step.node.key);
        }
      }
      frontier = next;
    }
  };
  await Promise.all([
    ask.direction !== "down" ? walk(upstream) : null,
    ask.direction !== "up" ? walk(downstream) : null,
  ]);
  const nodes = await describeNodes([...scopeOfNode.keys()], member);
  const present = new Set(nodes.map((n) => n.id));
  return {
    roots,
    nodes,
    edges: [...edges.values()].filter((e) => present.has(e.from) && present.has(e.to)),
    truncated,
  };
}

/** Labels, scopes, states and links of the nodes, one query per kind. */
async function describeNodes(keys: Key[], member: Set<string>): Promise<LineageNode[]> {
  const deploymentIds = idsOf(keys, "deployment");
  const [models, jobs, data, deployments, outcomes, endpoints] = await Promise.all([
    q.describeModels(idsOf(keys, "model")),
    q.describeJobs(idsOf(keys, "job")),
    q.describeData(idsOf(keys, "data")),
    q.describeDeployments(deploymentIds),
    q.monitorOutcomes(deploymentIds),
    q.describeEndpoints(idsOf(keys, "endpoint")),
  ]);
  const node = (
    kind: LineageNodeKind,
    row: { id: string; scopeId: string; scopeKind: string; scopeName: string },
    label: string,
    status: string | null,
    href: (scope: ScopeRef) => string,
  ): LineageNode => {
    const scope: ScopeRef = { kind: row.scopeKind as ScopeKind, name: row.scopeName };
    const isVisible = member.has(row.scopeId);
    // Lineage names the scope a job, data or model came from; deployments elsewhere stay anonymous, as everywhere.
    const isAnonymous = !isVisible && (kind === "deployment" || kind === "endpoint");
    return {
      id: key(kind, row.id),
      kind,
      label: isVisible
        ? label
        : isAnonymous
          ? `${kind} in a workspace you are not a member of`
          : `${kind} in ${scope.kind} ${scope.name}`,
      scope: isAnonymous ? null : scope,
      status,
      isVisible,
      href: isVisible ? href(scope) : null,
    };
  };
  const monitorsOf = new Map<string, string[]>();
  for (const m of outcomes)
    if (m.lastOutcome) monitorsOf.set(m.deploymentId, [...(monitorsOf.get(m.deploymentId) ?? []), m.lastOutcome]);
  return [
    ...data.map((d) =>
      node("data", d, `${d.name}:${d.version}`, null, (s) => pages.assetVersion(s, "data", d.name, d.version)),
    ),
    ...jobs.map((j) =>
      node("job", j, j.kind === "pipeline" ? `pipeline ${j.displayName}` : j.displayName, j.status, (s) =>
        pages.job(s.name, j.name),
      ),
    ),
    ...models.map((m) =>
      node("model", m, `${m.name}:${m.version}`, null, (s) => pages.assetVersion(s, "models", m.name, m.version)),
    ),
    ...deployments.map((d) => {
      const found = monitorsOf.get(d.id) ?? [];
      const monitor = found.includes("alert") ? "monitor alert" : found.length ? `monitor ${found[0]}` : null;
      return node("deployment", d, `${d.endpoint} / ${d.name}`, [d.state, monitor].filter(Boolean).join(", "), (s) =>
        pages.endpoint(s.name, d.endpoint, { deployment: d.name }),
      );
    }),
    ...endpoints.map((e) => node("endpoint", e, e.name, e.kind, (s) => pages.endpoint(s.name, e.name))),
  ];
}
