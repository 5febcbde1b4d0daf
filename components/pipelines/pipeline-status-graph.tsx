"use client";

import "@xyflow/react/dist/style.css";
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { memo, useMemo } from "react";
import { useNow } from "@/components/ui/use-now";
import type { JobDto } from "@/lib/schemas/dto";
import type { PipelineGraph } from "@/lib/pipeline/types";
import { formatJobDuration } from "@/lib/job-display";
import { pages } from "@/lib/routes";
import { useLiveJob } from "@/components/jobs/job-live";
import { useDarkTheme } from "@/components/ui/use-dark-theme";

/** What a step shows: its status, "reused" when it took an earlier step's outputs. */
export type StepState = "waiting" | "queued" | "running" | "completed" | "failed" | "canceled" | "reused";

const TONE: Record<StepState, string> = {
  waiting: "border-border bg-surface text-muted",
  queued: "border-border bg-surface-2",
  running: "border-accent bg-accent/10 ring-2 ring-accent/40 animate-pulse",
  completed: "border-success bg-success/10",
  reused: "border-success border-dashed bg-success/5",
  failed: "border-danger bg-danger/10",
  canceled: "border-warning bg-warning/10",
};

type StatusNodeData = {
  label: string;
  detail: string;
  state: StepState | null;
  href: string | null;
  kind: "step" | "input" | "output";
};

const StatusNode = memo(function StatusNode({ data }: NodeProps<Node<StatusNodeData>>) {
  const tone = data.state ? TONE[data.state] : "border-border bg-surface-2";
  const body = (
    <div
      className={`w-56 rounded-lg border-2 px-3 py-2 text-left shadow-sm ${tone}`}
      data-state={data.state ?? data.kind}
    >
      <div className="truncate text-sm font-medium">{data.label}</div>
      <div className="truncate text-xs text-muted">{data.detail}</div>
      {data.state ? <div className="mt-1 text-xs font-medium capitalize">{data.state}</div> : null}
    </div>
  );
  return (
    <>
      {data.kind !== "input" ? <Handle type="target" position={Position.Top} isConnectable={false} /> : null}
      {data.href ? (
        <Link href={data.href} aria-label={`Step ${data.label}: ${data.state ?? ""}`} className="block">
          {body}
        </Link>
      ) : (
        body
      )}
      {data.kind !== "output" ? <Handle type="source" position={Position.Bottom} isConnectable={false} /> : null}
    </>
  );
});

const nodeTypes = { status: StatusNode };

export function stepStateOf(step: JobDto["steps"][number]): StepState {
  return step.reusedFrom ? "reused" : (step.status as StepState);
}

/**
 * A pipeline job's graph, read-only, each step coloured by its live status (polled while the job runs);
 * a step links to its own job page (logs, metrics, params, outputs).
 */
export function PipelineStatusGraph({
  workspace,
  job,
  graph,
}: {
  workspace: string;
  job: JobDto;
  graph: PipelineGraph;
}) {
  const live = useLiveJob(workspace, job);
  const isDark = useDarkTheme();
  const steps = useMemo(() => new Map(live.steps.map((s) => [s.step, s])), [live.steps]);
  const now = useNow({ isTicking: live.steps.some((s) => s.status === "running") });
  const nodes = useMemo<Node<StatusNodeData>[]>(
    () =>
      graph.nodes.map((n) => {
        const step = n.kind === "step" ? steps.get(n.id) : undefined;
        const data: StatusNodeData =
          n.kind === "step"
            ? {
                kind: "step",
                label: n.displayName ?? n.id,
                detail: `${n.component.name}:${n.component.version}${step?.startedAt ? ` · ${formatJobDuration({ status: step.status, createdAt: step.startedAt, startedAt: step.startedAt, endedAt: step.endedAt }, now)}` : ""}`,
                state: step ? stepStateOf(step) : "waiting",
                href: step ? pages.job(workspace, step.job) : null,
              }
            : { kind: n.kind, label: n.name, detail: `pipeline ${n.kind} · ${n.type}`, state: null, href: null };
        return { id: n.id, type: "status", position: n.position, data, draggable: false, connectable: false };
      }),
    [graph.nodes, steps, workspace, now],
  );
  const edges = useMemo<Edge[]>(
    () =>
      graph.edges.map((e) => {
        const source = steps.get(e.source);
        const isFlowing = source
          ? source.status === "completed"
          : graph.nodes.some((n) => n.id === e.source && n.kind === "input");
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          animated: steps.get(e.target)?.status === "running",
          style: isFlowing ? undefined : { strokeDasharray: "4 4" },
        };
      }),
    [graph.edges, graph.nodes, steps],
  );
  return (
    <div
      className="h-[28rem] rounded-lg border border-border bg-surface"
      role="figure"
      aria-label="Pipeline graph with step status"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={isDark ? "dark" : "light"}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.1}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
