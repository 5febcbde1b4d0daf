"use client";
import { useId, useState } from "react";
import { updateInputNode, type EditResult } from "@/lib/pipeline/graph-edit";
import { isValueType } from "@/lib/pipeline/port-types";
import {
  DATA_PORT_TYPES,
  VALUE_PORT_TYPES,
  type PipelineGraph,
  type PipelineInputNode,
  type PortType,
} from "@/lib/pipeline/types";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { CommitField, FieldError, Section } from "@/components/designer/inspector/fields";
import type { PanelProps } from "@/components/designer/inspector/panel-props";
import { DataRefEditor, LiteralEditor, startingLiteral } from "@/components/designer/inspector/value-editors";

/** A pipeline input: its name, type, default and description, and the steps it feeds. */
export function InputPanel({
  graph,
  node,
  canEdit,
  apply,
  onSelect,
  dataChoices,
}: PanelProps & { node: PipelineInputNode }) {
  const [error, setError] = useState<string | null>(null);
  const run = (edit: (g: PipelineGraph) => EditResult) => setError(apply(edit));
  const consumers = graph.edges.filter((e) => e.source === node.id);
  const typeId = useId();
  return (
    <Section title="Pipeline input">
      <CommitField
        label="Name"
        value={node.name}
        disabled={!canEdit}
        hint="Named in the YAML as ${{parent.inputs.<name>}}."
        onCommit={(name) => apply((g) => updateInputNode(g, node.id, { name: name.trim() }))}
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
          onChange={(e) => run((g) => updateInputNode(g, node.id, { type: e.target.value as PortType }))}
        >
          <optgroup label="Values">
            {VALUE_PORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </optgroup>
          <optgroup label="Data">
            {DATA_PORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </optgroup>
        </Select>
      </div>
      {isValueType(node.type) ? (
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium">Default</span>
          {node.default === undefined ? (
            <Button
              size="sm"
              className="self-start"
              disabled={!canEdit}
              onClick={() => run((g) => updateInputNode(g, node.id, { default: startingLiteral({ type: node.type }) }))}
            >
              Set a default
            </Button>
          ) : (
            <div className="flex items-center gap-1">
              <div className="min-w-0 flex-1">
                <LiteralEditor
                  port={{ name: node.name, type: node.type }}
                  value={node.default}
                  disabled={!canEdit}
                  onCommit={(value) => {
                    const problem = apply((g) => updateInputNode(g, node.id, { default: value }));
                    setError(problem);
                    return problem;
                  }}
                />
              </div>
              <Button
                size="sm"
                variant="ghost"
                disabled={!canEdit}
                onClick={() => run((g) => updateInputNode(g, node.id, { default: null }))}
              >
                Clear
              </Button>
            </div>
          )}
        </div>
      ) : (
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium">Default data asset</span>
          {node.defaultData ? (
            <div className="flex items-center gap-1">
              <div className="min-w-0 flex-1">
                <DataRefEditor
                  value={node.defaultData}
                  choices={dataChoices}
                  disabled={!canEdit}
                  label={`Default data for ${node.name}`}
                  onChange={(ref) => run((g) => updateInputNode(g, node.id, { defaultData: ref }))}
                />
              </div>
              <Button
                size="sm"
                variant="ghost"
                disabled={!canEdit}
                onClick={() => run((g) => updateInputNode(g, node.id, { defaultData: null }))}
              >
                Clear
              </Button>
            </div>
          ) : (
            <Button
              size="sm"
              className="self-start"
              disabled={!canEdit}
              onClick={() =>
                dataChoices.length
                  ? run((g) => updateInputNode(g, node.id, { defaultData: dataChoices[0].ref }))
                  : setError("There are no data assets yet: create one under Data.")
              }
            >
              Choose a data asset
            </Button>
          )}
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={node.optional}
          disabled={!canEdit}
          onChange={(e) => run((g) => updateInputNode(g, node.id, { optional: e.target.checked }))}
        />
        Optional
      </label>
      <CommitField
        label="Description"
        value={node.description ?? ""}
        disabled={!canEdit}
        multiline
        onCommit={(description) => apply((g) => updateInputNode(g, node.id, { description }))}
      />
      <FieldError id={`${node.id}-error`} error={error} />
      <p className="text-xs text-muted">
        Feeds {consumers.length ? consumers.map((e) => `${e.target}.${e.targetPort}`).join(", ") : "no step yet"}.
      </p>
      {consumers.length ? (
        <ul className="text-xs">
          {consumers.map((e) => (
            <li key={e.id}>
              <button type="button" className="text-accent hover:underline" onClick={() => onSelect(e.target)}>
                Go to {e.target}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
