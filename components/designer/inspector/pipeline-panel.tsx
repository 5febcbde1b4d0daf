"use client";
import { addNode } from "@/lib/pipeline/graph-edit";
import { newPipelineInputNode, newPipelineOutputNode } from "@/lib/pipeline/nodes";
import type { PipelineGraph, PipelineInputNode, PipelineNode, PipelineOutputNode } from "@/lib/pipeline/types";
import { Button } from "@/components/ui/button";
import { CommitField, Section } from "@/components/designer/inspector/fields";
import { freeSpot, type PanelProps } from "@/components/designer/inspector/panel-props";

/** With nothing selected: the pipeline's details, its inputs and outputs, and the keys. */
export function PipelinePanel({ graph, meta, onMeta, canEdit, apply, onSelect }: PanelProps) {
  /** Adds a node made from the current graph and selects it. */
  const add = (make: (g: PipelineGraph) => PipelineNode) => {
    let id = "";
    apply((g) => {
      const node = make(g);
      id = node.id;
      return addNode(g, node);
    });
    if (id) onSelect(id);
  };
  return (
    <>
      <Section title="Pipeline">
        <CommitField
          label="Name"
          value={meta.name}
          disabled={!canEdit}
          onCommit={(name) => (name.trim() ? (onMeta({ name: name.trim() }), null) : "Give the pipeline a name.")}
        />
        <CommitField
          label="Description"
          value={meta.description}
          disabled={!canEdit}
          multiline
          onCommit={(description) => (onMeta({ description }), null)}
        />
        <CommitField
          label="Experiment"
          value={meta.experimentName}
          disabled={!canEdit}
          placeholder={meta.name}
          hint="The experiment its jobs join; the pipeline's name when empty."
          onCommit={(experimentName) => (onMeta({ experimentName: experimentName.trim() }), null)}
        />
      </Section>
      <IoSection
        title="Pipeline inputs"
        nodes={graph.nodes.filter((n): n is PipelineInputNode => n.kind === "input")}
        empty="None: values given when the pipeline is submitted."
        addLabel="Add pipeline input"
        onAdd={canEdit ? () => add((g) => newPipelineInputNode("string", g.nodes, freeSpot(g), "input")) : null}
        onSelect={onSelect}
      />
      <IoSection
        title="Pipeline outputs"
        nodes={graph.nodes.filter((n): n is PipelineOutputNode => n.kind === "output")}
        empty="None: the steps' outputs stay with their jobs."
        addLabel="Add pipeline output"
        onAdd={canEdit ? () => add((g) => newPipelineOutputNode("uri_folder", g.nodes, freeSpot(g), "output")) : null}
        onSelect={onSelect}
      />
      <Section title="Keys">
        <ul className="text-xs text-muted">
          <li>Drag a component from the palette, or press its +.</li>
          <li>Drag from an output port (bottom) to an input port (top).</li>
          <li>Shift-drag to select several; Delete removes them.</li>
          <li>Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes.</li>
        </ul>
      </Section>
    </>
  );
}

/** The pipeline's inputs or outputs, each a link to select it, and a button to add one. */
function IoSection({
  title,
  nodes,
  empty,
  addLabel,
  onAdd,
  onSelect,
}: {
  title: string;
  nodes: (PipelineInputNode | PipelineOutputNode)[];
  empty: string;
  addLabel: string;
  onAdd: (() => void) | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Section title={title}>
      {nodes.length ? (
        <ul className="flex flex-col gap-1 text-sm">
          {nodes.map((n) => (
            <li key={n.id}>
              <button type="button" className="text-accent hover:underline" onClick={() => onSelect(n.id)}>
                {n.name}
              </button>{" "}
              <span className="text-muted">{n.type}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">{empty}</p>
      )}
      {onAdd ? (
        <Button size="sm" onClick={onAdd}>
          {addLabel}
        </Button>
      ) : null}
    </Section>
  );
}
