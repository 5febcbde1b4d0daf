"use client";
import { useId, useState } from "react";
import { addNode, connect, disconnect, setBinding, type EditResult } from "@/lib/pipeline/graph-edit";
import { isRequired, newPipelineInputNode, portsOf } from "@/lib/pipeline/nodes";
import { canConnect, isValueType } from "@/lib/pipeline/port-types";
import { VALUE_PORT, type PipelineGraph, type Port, type StepNode } from "@/lib/pipeline/types";
import type { DataChoice } from "@/lib/pipeline/catalog";
import { Select } from "@/components/ui/input";
import type { ApplyEdit } from "@/components/designer/store";
import { FieldError } from "@/components/designer/inspector/fields";
import { positionIn } from "@/components/designer/inspector/panel-props";
import { DataRefEditor, LiteralEditor, startingLiteral } from "@/components/designer/inspector/value-editors";

/** How a step input gets its value: unset (its default), a literal, a data asset, or a connection. */
export function InputSource({
  graph,
  node,
  port,
  canEdit,
  apply,
  dataChoices,
}: {
  graph: PipelineGraph;
  node: StepNode;
  port: Port;
  canEdit: boolean;
  apply: ApplyEdit;
  dataChoices: DataChoice[];
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const feeding = graph.edges.find((e) => e.target === node.id && e.targetPort === port.name);
  const binding = node.bindings[port.name];
  const current = feeding ? `edge:${feeding.source}|${feeding.sourcePort}` : binding ? binding.kind : "";
  const sources = graph.nodes.flatMap((n) =>
    n.id === node.id || n.kind === "output"
      ? []
      : portsOf(n)
          .outputs.filter((p) => canConnect(p.type, port.type).ok)
          .map((p) => ({
            value: `edge:${n.id}|${p.name}`,
            label: n.kind === "input" ? `Pipeline input ${n.name}` : `Output ${n.id}.${p.name}`,
          })),
  );
  const required = isRequired(port);
  const run = (edit: (g: PipelineGraph) => EditResult | PipelineGraph) => setError(apply(edit));
  const choose = (value: string) => {
    const unfeed = (g: PipelineGraph) => (feeding ? disconnect(g, [feeding.id]) : g);
    if (value === "") return run((g) => setBinding(unfeed(g), node.id, port.name, null));
    if (value === "literal")
      return run((g) => setBinding(unfeed(g), node.id, port.name, { kind: "literal", value: startingLiteral(port) }));
    if (value === "data") {
      if (!dataChoices.length)
        return setError("There are no data assets in this workspace or its registries yet: create one under Data.");
      return run((g) => setBinding(unfeed(g), node.id, port.name, { kind: "data", ref: dataChoices[0].ref }));
    }
    if (value === "new-input") {
      return run((g) => {
        const at = positionIn(g, node);
        const input = newPipelineInputNode(port.type, g.nodes, { x: at.x, y: at.y - 140 }, port.name);
        return connect(addNode(unfeed(g), input), {
          source: input.id,
          sourcePort: VALUE_PORT,
          target: node.id,
          targetPort: port.name,
        });
      });
    }
    const [source, sourcePort] = value.slice("edge:".length).split("|");
    run((g) => connect(unfeed(g), { source, sourcePort, target: node.id, targetPort: port.name }));
  };
  const unsetLabel =
    port.default !== undefined
      ? `Default (${String(port.default)})`
      : required
        ? "Not set (required)"
        : "Not set (optional)";
  return (
    <div className="flex flex-col gap-1 rounded-md border border-border p-2" data-input={port.name}>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm">
        <span className="truncate font-medium" title={port.description}>
          {port.name}
        </span>
        <span className="shrink-0 text-xs text-muted">
          {port.type}
          {required ? " · required" : ""}
        </span>
      </label>
      <Select
        id={id}
        className="h-8"
        value={current}
        disabled={!canEdit}
        onChange={(e) => choose(e.target.value)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{unsetLabel}</option>
        {isValueType(port.type) ? <option value="literal">Value</option> : <option value="data">Data asset</option>}
        {sources.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
        <option value="new-input">New pipeline input…</option>
      </Select>
      {binding?.kind === "literal" && !feeding ? (
        <LiteralEditor
          port={port}
          value={binding.value}
          disabled={!canEdit}
          onCommit={(value) => {
            const problem = apply((g) => setBinding(g, node.id, port.name, { kind: "literal", value }));
            setError(problem);
            return problem;
          }}
        />
      ) : null}
      {binding?.kind === "data" && !feeding ? (
        <DataRefEditor
          value={binding.ref}
          choices={dataChoices}
          disabled={!canEdit}
          label={`Data asset for ${port.name}`}
          onChange={(ref) => run((g) => setBinding(g, node.id, port.name, { kind: "data", ref }))}
        />
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
