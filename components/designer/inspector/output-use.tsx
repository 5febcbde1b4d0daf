"use client";
import { useState } from "react";
import { addNode, connect } from "@/lib/pipeline/graph-edit";
import { describeNode, newPipelineOutputNode } from "@/lib/pipeline/nodes";
import { isDataType } from "@/lib/pipeline/port-types";
import {
  VALUE_PORT,
  type DataPortType,
  type PipelineGraph,
  type PipelineOutputNode,
  type Port,
  type StepNode,
} from "@/lib/pipeline/types";
import { Button } from "@/components/ui/button";
import type { ApplyEdit } from "@/components/designer/store";
import { FieldError } from "@/components/designer/inspector/fields";
import { positionIn } from "@/components/designer/inspector/panel-props";

/** Where a step output goes, and a shortcut to keep it as a pipeline output. */
export function OutputUse({
  graph,
  node,
  port,
  canEdit,
  apply,
  onSelect,
}: {
  graph: PipelineGraph;
  node: StepNode;
  port: Port;
  canEdit: boolean;
  apply: ApplyEdit;
  onSelect: (id: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const uses = graph.edges.filter((e) => e.source === node.id && e.sourcePort === port.name);
  const isPipelineOutput = uses.some((e) => graph.nodes.find((n) => n.id === e.target)?.kind === "output");
  const promote = () => {
    let created: PipelineOutputNode | null = null;
    setError(
      apply((g) => {
        const type = (isDataType(port.type) ? port.type : "uri_folder") as DataPortType;
        const at = positionIn(g, node);
        created = newPipelineOutputNode(type, g.nodes, { x: at.x, y: at.y + 160 }, port.name);
        return connect(addNode(g, created), {
          source: node.id,
          sourcePort: port.name,
          target: created.id,
          targetPort: VALUE_PORT,
        });
      }),
    );
    if (created) onSelect((created as PipelineOutputNode).id);
  };
  return (
    <div className="flex flex-col gap-1 rounded-md border border-border p-2 text-sm" data-output={port.name}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium">{port.name}</span>
        <span className="shrink-0 text-xs text-muted">{port.type}</span>
      </div>
      {uses.length ? (
        <ul className="text-xs text-muted">
          {uses.map((e) => {
            const target = graph.nodes.find((n) => n.id === e.target);
            return (
              <li key={e.id}>
                → {target ? (target.kind === "step" ? `${target.id}.${e.targetPort}` : describeNode(target)) : e.target}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-xs text-muted">Not used by another step.</p>
      )}
      {canEdit && !isPipelineOutput ? (
        <Button size="sm" variant="ghost" className="self-start" onClick={promote}>
          Keep as pipeline output
        </Button>
      ) : null}
      <FieldError id={`${node.id}-${port.name}-output-error`} error={error} />
    </div>
  );
}
