import "server-only";
import { db } from "@/server/db";
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
  const models = idsOf(frontier, "model");
  const jobs = idsOf(frontier, "job");
  const deployments = idsOf(frontier, "deployment");
  const endpoints = idsOf(frontier, "endpoint");
  const [lineages, copies, jobRows, deploymentRows, endpointRows] = await Promise.all([
    models.length
      ? db.modelLineage.findMany({
          where: { versionId: { in: models } },
          select: { versionId: true, jobId: true, pipelineJobId: true, scopeId: true, originVersionId: true },
        })
      : [],
    models.length
      ? db.modelVersion.findMany({
          where: { id: { in: models }, sourceVersionId: { not: null } },
          select: { id: true, sourceVersionId: true },
        })
      : [],
    jobs.length ? db.job.findMany({ where: { id: { in: jobs } }, select: { id: true, kind: true, spec: true } }) : [],
    deployments.length
      ? db.deployment.findMany({
          where: { id: { in: deployments } },
          select: { id: true, modelVersionId: true, modelVersion: { select: { scopeId: true } } },
        })
      : [],
    endpoints.length
      ? db.deployment.findMany({
          where: { endpointId: { in: endpoints } },
          select: { id: true, endpointId: true, endpoint: { select: { scopeId: true } } },
        })
      : [],
  ]);
  const originOf = new Map(copies.map((c) => [c.id, c.sourceVersionId!]));
  for (const l of lineages) {
    // A registry copy's lineage names its origin's job: the copy comes from the origin, which comes from the job.
    if (originOf.has(l.versionId) || l.originVersionId) continue;
    const via = l.pipelineJobId ?? l.jobId;
    if (via)
      steps.push({
        from: key("job", via),
        to: key("model", l.versionId),
        node: { key: key("job", via), scopeId: l.scopeId },
      });
  }
  if (copies.length) {
    const origins = await db.modelVersion.findMany({
      where: { id: { in: [...new Set(copies.map((c) => c.sourceVersionId!))] } },
      select: { id: true, scopeId: true },
    });
    const scopeOf = new Map(origins.map((o) => [o.id, o.scopeId]));
    for (const c of copies) {
      if (!scopeOf.has(c.sourceVersionId!)) continue; // the origin was deleted
      const from = key("model", c.sourceVersionId!);
      steps.push({ from, to: key("model", c.id), node: { key: from, scopeId: scopeOf.get(c.sourceVersionId!)! } });
    }
  }
  const pipelineJobs = jobRows.filter((j) => j.kind === "pipeline").map((j) => j.id);
  const [stepRows, dataRows] = await Promise.all([
    pipelineJobs.length
      ? db.job.findMany({
          where: { parentJobId: { in: pipelineJobs } },
          select: { id: true, parentJobId: true, scopeId: true },
        })
      : [],
    dataInputsOf(jobRows.filter((j) => j.kind !== "pipeline")),
  ]);
  for (const s of stepRows)
    steps.push({
      from: key("job", s.id),
      to: key("job", s.parentJobId!),
      node: { key: key("job", s.id), scopeId: s.scopeId },
    });
  steps.push(...dataRows);
  for (const d of deploymentRows)
    steps.push({
      from: key("model", d.modelVersionId),
      to: key("deployment", d.id),
      node: { key: key("model", d.modelVersionId), scopeId: d.modelVersion.scopeId },
    });
  for (const d of endpointRows)
    steps.push({
      from: key("deployment", d.id),
      to: key("endpoint", d.endpointId),
      node: { key: key("deployment", d.id), scopeId: d.endpoint.scopeId },
    });
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
  if (!wanted.length) return [];
  const rows = await db.assetVersion.findMany({
    where: { id: { in: [...new Set(wanted.map((w) => w.versionId))] } },
    select: { id: true, scopeId: true },
  });
  const scopeOf = new Map(rows.map((r) => [r.id, r.scopeId]));
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
  const models = idsOf(frontier, "model");
  const jobs = idsOf(frontier, "job");
  const data = idsOf(frontier, "data");
  const deployments = idsOf(frontier, "deployment");
  const [copies, deploymentRows, jobRows, byJob, byData, endpointRows] = await Promise.all([
    models.length
      ? db.modelVersion.findMany({
          where: { sourceVersionId: { in: models } },
          select: { id: true, scopeId: true, sourceVersionId: true },
        })
      : [],
    models.length
      ? db.deployment.findMany({
          where: { modelVersionId: { in: models } },
          select: { id: true, modelVersionId: true, endpoint: { select: { scopeId: true } } },
        })
      : [],
    jobs.length
      ? db.job.findMany({ where: { id: { in: jobs } }, select: { id: true, parentJobId: true, scopeId: true } })
      : [],
    jobs.length
      ? db.modelLineage.findMany({
          where: { OR: [{ jobId: { in: jobs } }, { pipelineJobId: { in: jobs } }], originVersionId: null },
          select: { versionId: true, jobId: true, pipelineJobId: true, version: { select: { scopeId: true } } },
        })
      : [],
    data.length
      ? db.lineageData.findMany({
          where: { assetVersionId: { in: data } },
          select: { assetVersionId: true, versionId: true, lineage: { select: { jobId: true, scopeId: true } } },
        })
      : [],
    deployments.length
      ? db.deployment.findMany({
          where: { id: { in: deployments } },
          select: { id: true, endpointId: true, endpoint: { select: { scopeId: true } } },
        })
      : [],
  ]);
  for (const c of copies)
    steps.push({
      from: key("model", c.sourceVersionId!),
      to: key("model", c.id),
      node: { key: key("model", c.id), scopeId: c.scopeId },
    });
  for (const d of deploymentRows)
    steps.push({
      from: key("model", d.modelVersionId),
      to: key("deployment", d.id),
      node: { key: key("deployment", d.id), scopeId: d.endpoint.scopeId },
    });
  const asked = new Set(jobs);
  for (const j of jobRows)
    if (j.parentJobId)
      steps.push({
        from: key("job", j.id),
        to: key("job", j.parentJobId),
        node: { key: key("job", j.parentJobId), scopeId: j.scopeId },
      });
  for (const l of byJob) {
    // A step's model is the pipeline job's output: step → pipeline job → model.
    const from = l.pipelineJobId && asked.has(l.pipelineJobId) ? l.pipelineJobId : l.pipelineJobId ? null : l.jobId;
    if (from)
      steps.push({
        from: key("job", from),
        to: key("model", l.versionId),
        node: { key: key("model", l.versionId), scopeId: l.version.scopeId },
      });
  }
  for (const d of byData)
    if (d.lineage.jobId)
      steps.push({
        from: key("data", d.assetVersionId),
        to: key("job", d.lineage.jobId),
        node: { key: key("job", d.lineage.jobId), scopeId: d.lineage.scopeId },
      });
  for (const d of endpointRows)
    steps.push({
      from: key("deployment", d.id),
      to: key("endpoint", d.endpointId),
      node: { key: key("endpoint", d.endpointId), scopeId: d.endpoint.scopeId },
    });
  return steps;
}

/** The lineage graph around an asset, as far as `depth` layers each way. */
export async function lineageGraph(actor: Actor, query: unknown): Promise<LineageGraph> {
  const q = lineageQuerySchema.parse(query);
  const { scope, roots } = await resolveLineageRoots(actor, q.asset);
  const memberships = await db.membership.findMany({ where: { userId: actor.userId }, select: { scopeId: true } });
  const member = new Set(memberships.map((m) => m.scopeId));
  const scopeOfNode = new Map<Key, string | null>(roots.map((r) => [r, scope.id]));
  const edges = new Map<string, { from: Key; to: Key }>();
  let truncated = false;
  const walk = async (expand: (frontier: Key[]) => Promise<Step[]>) => {
    let frontier = roots;
    const seen = new Set<Key>(roots);
    for (let level = 0; level < q.depth && frontier.length && !truncated; level++) {
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
  if (q.direction !== "down") await walk(upstream);
  if (q.direction !== "up") await walk(downstream);
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
  const scopeSelect = { select: { id: true, kind: true, name: true } } as const;
  const [models, jobs, data, deployments, endpoints] = await Promise.all([
    db.modelVersion.findMany({
      where: { id: { in: idsOf(keys, "model") } },
      select: { id: true, name: true, version: true, model: { select: { scope: scopeSelect } } },
    }),
    db.job.findMany({
      where: { id: { in: idsOf(keys, "job") } },
      select: { id: true, name: true, displayName: true, status: true, kind: true, scope: scopeSelect },
    }),
    db.assetVersion.findMany({
      where: { id: { in: idsOf(keys, "data") } },
      select: { id: true, name: true, version: true, asset: { select: { scope: scopeSelect } } },
    }),
    db.deployment.findMany({
      where: { id: { in: idsOf(keys, "deployment") } },
      select: {
        id: true,
        name: true,
        state: true,
        endpoint: { select: { name: true, scope: scopeSelect } },
        monitors: { select: { lastOutcome: true } },
      },
    }),
    db.endpoint.findMany({
      where: { id: { in: idsOf(keys, "endpoint") } },
      select: { id: true, name: true, kind: true, scope: scopeSelect },
    }),
  ]);
  const node = (
    kind: LineageNodeKind,
    id: string,
    scope: { id: string; kind: string; name: string },
    label: string,
    status: string | null,
    href: string,
  ): LineageNode => {
    const ref: ScopeRef = { kind: scope.kind as ScopeKind, name: scope.name };
    const isVisible = member.has(scope.id);
    // Lineage names the workspace a job or data came from; deployments elsewhere stay anonymous, as everywhere.
    const hiddenLabel =
      kind === "deployment" || kind === "endpoint"
        ? `${kind} in a workspace you are not a member of`
        : `${kind} in ${ref.kind} ${ref.name}`;
    return {
      id: key(kind, id),
      kind,
      label: isVisible ? label : hiddenLabel,
      scope: isVisible || kind === "job" || kind === "data" || kind === "model" ? ref : null,
      status,
      isVisible,
      href: isVisible ? href : null,
    };
  };
  return [
    ...data.map((d) =>
      node(
        "data",
        d.id,
        d.asset.scope,
        `${d.name}:${d.version}`,
        null,
        pages.assetVersion(d.asset.scope as ScopeRef, "data", d.name, d.version),
      ),
    ),
    ...jobs.map((j) =>
      node(
        "job",
        j.id,
        j.scope,
        j.kind === "pipeline" ? `pipeline ${j.displayName}` : j.displayName,
        j.status,
        pages.job(j.scope.name, j.name),
      ),
    ),
    ...models.map((m) =>
      node(
        "model",
        m.id,
        m.model.scope,
        `${m.name}:${m.version}`,
        null,
        pages.assetVersion(m.model.scope as ScopeRef, "models", m.name, m.version),
      ),
    ),
    ...deployments.map((d) => {
      const outcomes = d.monitors.map((m) => m.lastOutcome).filter(Boolean);
      const monitor = outcomes.includes("alert") ? "monitor alert" : outcomes.length ? `monitor ${outcomes[0]}` : null;
      return node(
        "deployment",
        d.id,
        d.endpoint.scope,
        `${d.endpoint.name} / ${d.name}`,
        [d.state, monitor].filter(Boolean).join(", "),
        pages.endpoint(d.endpoint.scope.name, d.endpoint.name, { deployment: d.name }),
      );
    }),
    ...endpoints.map((e) => node("endpoint", e.id, e.scope, e.name, e.kind, pages.endpoint(e.scope.name, e.name))),
  ];
}
