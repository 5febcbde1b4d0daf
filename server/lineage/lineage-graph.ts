import "server-only";
import { Prisma } from "@/generated/sqlite/client";
import { queryRows } from "@/server/db";
import {
  lineageQueries as q,
  type DeploymentRow,
  type EndpointRow,
  type JobRow,
  type VersionRow,
} from "@/server/lineage/lineage-queries";
import { pages } from "@/lib/routes";
import {
  LINEAGE_NODE_KINDS,
  lineageQuerySchema,
  type LineageGraph,
  type LineageNode,
  type LineageNodeKind,
} from "@/lib/schemas/lineage";
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
/** Records an edge found by the walk, and the scope of the node at its far end (from upstream, to downstream). */
type Link = (from: Key, to: Key, scopeId: string | null) => void;

const key = (kind: LineageNodeKind, id: string): Key => `${kind}:${id}`;
/** The ids in a list of keys, by kind, in one pass. */
function idsByKind(keys: Key[]): Record<LineageNodeKind, string[]> {
  const ids: Record<LineageNodeKind, string[]> = { data: [], job: [], model: [], deployment: [], endpoint: [] };
  for (const k of keys) {
    const colon = k.indexOf(":");
    ids[k.slice(0, colon) as LineageNodeKind].push(k.slice(colon + 1));
  }
  return ids;
}

/** What the graph shows of each node met so far, by kind and id: reads that meet a node's row keep it here. */
type RowOf = { data: VersionRow; job: JobRow; model: VersionRow; deployment: DeploymentRow; endpoint: EndpointRow };
type Rows = { [K in LineageNodeKind]: Map<string, RowOf[K]> };

/** Upstream neighbours of a layer: where each node came from. Edges point downstream (from → to). */
async function upstream(frontier: Key[], rows: Rows, push: Link): Promise<void> {
  const ids = idsByKind(frontier);
  const [lineages, origins, jobRows, dataRows, servedModels, endpointDeployments] = await Promise.all([
    q.jobsOfVersions(ids.model),
    // Only copies have origins (a version not described yet is asked about, to be sure).
    q.originsOfCopies(ids.model.filter((id) => rows.model.get(id)?.sourceVersionId !== null)),
    q.describeJobs(ids.job.filter((id) => !rows.job.has(id))),
    q.dataInputsOfJobs(ids.job),
    q.modelsOfDeployments(ids.deployment),
    q.deploymentsOfEndpoints(ids.endpoint),
  ]);
  // A registry copy comes from its origin, which comes from the job (the copy's lineage names the origin's job).
  for (const o of origins) {
    rows.model.set(o.id, o);
    push(key("model", o.id), key("model", o.copyId), o.scopeId);
  }
  for (const l of lineages) push(key("job", l.jobId), key("model", l.versionId), l.scopeId);
  for (const j of jobRows) rows.job.set(j.id, j);
  for (const d of dataRows) {
    rows.data.set(d.id, d);
    push(key("data", d.id), key("job", d.jobId), d.scopeId);
  }
  const pipelines = ids.job.filter((id) => rows.job.get(id)?.kind === "pipeline");
  for (const s of await q.stepsOf(pipelines)) {
    rows.job.set(s.id, s);
    push(key("job", s.id), key("job", s.parentJobId), s.scopeId);
  }
  for (const m of servedModels) {
    rows.model.set(m.id, m);
    push(key("model", m.id), key("deployment", m.deploymentId), m.scopeId);
  }
  for (const d of endpointDeployments) {
    rows.deployment.set(d.id, d);
    push(key("deployment", d.id), key("endpoint", d.endpointId), d.scopeId);
  }
}

/** Downstream neighbours of a layer: what was made from each node. */
async function downstream(frontier: Key[], rows: Rows, push: Link): Promise<void> {
  const ids = idsByKind(frontier);
  const jobs = ids.job;
  const [copies, deploymentRows, parents, byJob, byData, endpointRows] = await Promise.all([
    q.copiesOf(ids.model),
    q.deploymentsOfVersions(ids.model),
    q.parentsOf(jobs),
    q.versionsFromJobs(jobs),
    q.jobsFromData(ids.data),
    q.endpointsOfDeployments(ids.deployment),
  ]);
  for (const c of copies) {
    rows.model.set(c.id, c);
    push(key("model", c.sourceVersionId), key("model", c.id), c.scopeId);
  }
  for (const d of deploymentRows) {
    rows.deployment.set(d.id, d);
    push(key("model", d.modelVersionId), key("deployment", d.id), d.scopeId);
  }
  for (const j of parents) push(key("job", j.id), key("job", j.parentJobId), j.scopeId);
  const asked = new Set(jobs);
  for (const v of byJob) {
    // A step's model is its pipeline job's output: step → pipeline job → model.
    const from = v.pipelineJobId ? (asked.has(v.pipelineJobId) ? v.pipelineJobId : null) : v.jobId;
    if (!from) continue;
    rows.model.set(v.id, v);
    push(key("job", from), key("model", v.id), v.scopeId);
  }
  for (const d of byData) if (d.jobId) push(key("data", d.assetVersionId), key("job", d.jobId), d.scopeId);
  for (const e of endpointRows) {
    rows.endpoint.set(e.id, e);
    push(key("deployment", e.deploymentId), key("endpoint", e.id), e.scopeId);
  }
}

/** The lineage graph around an asset, as far as `depth` layers each way. */
export async function lineageGraph(actor: Actor, query: unknown): Promise<LineageGraph> {
  const ask = lineageQuerySchema.parse(query);
  const [{ scope, roots, versions }, memberships] = await Promise.all([
    resolveLineageRoots(actor, ask.asset),
    queryRows<{ scopeId: string }>(Prisma.sql`SELECT "scopeId" FROM "Membership" WHERE "userId" = ${actor.userId}`),
  ]);
  const rows: Rows = { data: new Map(), job: new Map(), model: new Map(), deployment: new Map(), endpoint: new Map() };
  const rootKind = roots[0]!.startsWith("data:") ? rows.data : rows.model;
  for (const v of versions) rootKind.set(v.id, v);
  const member = new Set(memberships.map((m) => m.scopeId));
  const scopeOfNode = new Map<Key, string | null>(roots.map((r) => [r, scope.id]));
  const edges = new Map<string, { from: Key; to: Key }>();
  let truncated = false;
  const walk = async (expand: typeof upstream, farEnd: "from" | "to") => {
    let frontier = roots;
    const seen = new Set<Key>(roots);
    for (let level = 0; level < ask.depth && frontier.length && !truncated; level++) {
      // Nothing is read through a node the reader may not open.
      const open = frontier.filter((k) => member.has(scopeOfNode.get(k) ?? ""));
      const next: Key[] = [];
      await expand(open, rows, (from, to, scopeId) => {
        if (truncated) return;
        const found = farEnd === "from" ? from : to;
        if (!scopeOfNode.has(found)) {
          if (scopeOfNode.size >= MAX_NODES) {
            truncated = true;
            return;
          }
          scopeOfNode.set(found, scopeId);
        }
        const edge = `${from}>${to}`;
        if (!edges.has(edge)) edges.set(edge, { from, to });
        if (!seen.has(found)) {
          seen.add(found);
          next.push(found);
        }
      });
      frontier = next;
    }
  };
  await Promise.all([
    ask.direction !== "down" ? walk(upstream, "from") : null,
    ask.direction !== "up" ? walk(downstream, "to") : null,
  ]);
  const nodes = await describeNodes([...scopeOfNode.keys()], member, rows);
  const present = new Set(nodes.map((n) => n.id));
  return {
    roots,
    nodes,
    edges: [...edges.values()].filter((e) => present.has(e.from) && present.has(e.to)),
    truncated,
  };
}

/** Labels, scopes, states and links of the nodes: those no read described yet take one query per kind. */
async function describeNodes(keys: Key[], member: Set<string>, rows: Rows): Promise<LineageNode[]> {
  const ids = idsByKind(keys);
  const missing = (kind: LineageNodeKind) => ids[kind].filter((id) => !rows[kind].has(id));
  const deploymentIds = ids.deployment;
  const [models, jobs, data, deployments, outcomes, endpoints] = await Promise.all([
    q.describeModels(missing("model")),
    q.describeJobs(missing("job")),
    q.describeData(missing("data")),
    q.describeDeployments(missing("deployment")),
    q.monitorOutcomes(deploymentIds),
    q.describeEndpoints(missing("endpoint")),
  ]);
  for (const r of models) rows.model.set(r.id, r);
  for (const r of jobs) rows.job.set(r.id, r);
  for (const r of data) rows.data.set(r.id, r);
  for (const r of deployments) rows.deployment.set(r.id, r);
  for (const r of endpoints) rows.endpoint.set(r.id, r);
  const scopeIds = new Set<string>();
  for (const kind of LINEAGE_NODE_KINDS) for (const row of rows[kind].values()) scopeIds.add(row.scopeId);
  const scopes = new Map(
    (await q.scopes([...scopeIds])).map((s) => [s.id, { kind: s.kind as ScopeKind, name: s.name } satisfies ScopeRef]),
  );
  // In the order of the keys (the walk's), grouped by kind; a node deleted meanwhile has no row and is left out.
  const described = <K extends LineageNodeKind>(kind: K): RowOf[K][] =>
    ids[kind].flatMap((id) => {
      const row = (rows[kind] as Map<string, RowOf[K]>).get(id);
      return row && scopes.has(row.scopeId) ? [row] : [];
    });
  const node = (
    kind: LineageNodeKind,
    row: { id: string; scopeId: string },
    label: string,
    status: string | null,
    href: (scope: ScopeRef) => string,
  ): LineageNode => {
    const scope = scopes.get(row.scopeId)!;
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
    ...described("data").map((d) =>
      node("data", d, `${d.name}:${d.version}`, null, (s) => pages.assetVersion(s, "data", d.name, Number(d.version))),
    ),
    ...described("job").map((j) =>
      node("job", j, j.kind === "pipeline" ? `pipeline ${j.displayName}` : j.displayName, j.status, (s) =>
        pages.job(s.name, j.name),
      ),
    ),
    ...described("model").map((m) =>
      node("model", m, `${m.name}:${m.version}`, null, (s) =>
        pages.assetVersion(s, "models", m.name, Number(m.version)),
      ),
    ),
    ...described("deployment").map((d) => {
      const found = monitorsOf.get(d.id) ?? [];
      const monitor = found.includes("alert") ? "monitor alert" : found.length ? `monitor ${found[0]}` : null;
      return node("deployment", d, `${d.endpoint} / ${d.name}`, [d.state, monitor].filter(Boolean).join(", "), (s) =>
        pages.endpoint(s.name, d.endpoint, { deployment: d.name }),
      );
    }),
    ...described("endpoint").map((e) => node("endpoint", e, e.name, e.kind, (s) => pages.endpoint(s.name, e.name))),
  ];
}
