"use client";
import { useId, useState } from "react";
import { updateOutputNode } from "@/lib/pipeline/graph-edit";
import { outputPort } from "@/lib/pipeline/nodes";
import { DATA_PORT_TYPES, type DataPortType, type PipelineOutputNode } from "@/lib/pipeline/types";
import { Select } from "@/components/ui/input";
import { CommitField, FieldError, Section } from "@/components/designer/inspector/fields";
import type { PanelProps } from "@/components/designer/inspector/panel-props";

/** A pipeline output: its name, type and description, and the step output that feeds it. */
export function OutputPanel({ graph, node, canEdit, apply, onSelect }: PanelProps & { node: PipelineOutputNode }) {
  const [error, setError] = useState<string | null>(null);
  const typeId = useId();
  const feeding = graph.edges.find((e) => e.target === node.id);
  const feeder = feeding ? graph.nodes.find((n) => n.id === feeding.source) : undefined;
  const port = feeder && feeding ? outputPort(feeder, feeding.sourcePort) : undefined;
  return (
    <Section title="Pipeline output">
      <CommitField
        label="Name"
        value={node.name}
        disabled={!canEdit}
        onCommit={(name) => apply((g) => updateOutputNode(g, node.id, { name: name.trim() }))}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={typeId} className="text-sm font-medium">
          Type
        </label>
        <Select
          id={typeId}
          className="h-8"
          value={node.type}
          disabled={!canEdit}
          onChange={(e) =>
            setError(apply((g) => updateOutputNode(g, node.id, { type: e.target.value as DataPortType })))
          }
        >
          {DATA_PORT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </div>
      <CommitField
        label="Description"
        value={node.description ?? ""}
        disabled={!canEdit}
        multiline
        onCommit={(description) => apply((g) => updateOutputNode(g, node.id, { description }))}
      />
      <FieldError id={`${node.id}-error`} error={error} />
      <p className="text-xs text-muted">
        {feeding && feeder ? (
          <>
            Takes{" "}
            <button type="button" className="text-accent hover:underline" onClick={() => onSelect(feeder.id)}>
              {feeder.id}.{feeding.sourcePort}
            </button>
            {port ? ` (${port.type})` : ""}.
          </>
        ) : (
          "No step output feeds it yet: connect one to its port."
        )}
      </p>
    </Section>
  );
}
