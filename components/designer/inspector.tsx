"use client";
import Link from "next/link";
import { memo, useEffect, useId, useState, type ReactNode } from "react";
import { Trash2 } from "lucide-react";
import {
  addNode,
  connect,
  disconnect,
  renameStep,
  setBinding,
  updateInputNode,
  updateOutputNode,
  updateStep,
  type EditResult,
} from "@/lib/pipeline/graph-edit";
import {
  describeNode,
  isRequired,
  newPipelineInputNode,
  newPipelineOutputNode,
  outputPort,
  portsOf,
} from "@/lib/pipeline/nodes";
import { canConnect, isDataType, isValueType } from "@/lib/pipeline/port-types";
import {
  DATA_PORT_TYPES,
  VALUE_PORT,
  VALUE_PORT_TYPES,
  type DataPortType,
  type LiteralValue,
  type PipelineGraph,
  type PipelineInputNode,
  type PipelineNode,
  type PipelineOutputNode,
  type Port,
  type PortType,
  type StepNode,
} from "@/lib/pipeline/types";
import type { DataChoice } from "@/lib/pipeline/catalog";
import { pages } from "@/lib/routes";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";

// The side panel: what the selection is and how to change it. Every change is one of the pure edits of
// lib/pipeline/graph-edit.ts; a refused one says why beside the field and changes nothing.

export type ApplyEdit = (edit: (graph: PipelineGraph) => EditResult | PipelineGraph) => string | null;
export type PipelineMeta = { name: string; description: string; experimentName: string };

type Props = {
  workspace: string;
  graph: PipelineGraph;
  selectedNodeIds: readonly string[];
  selectedEdgeIds: readonly string[];
  dataChoices: DataChoice[];
  meta: PipelineMeta;
  canEdit: boolean;
  apply: ApplyEdit;
  onMeta: (patch: Partial<PipelineMeta>) => void;
  onSelect: (nodeId: string) => void;
  onDeleteSelection: () => void;
};

/** Rendered again when the graph's structure, the selection or the pipeline's details change (not on moves). */
export const Inspector = memo(function Inspector(props: Props) {
  const { graph, selectedNodeIds, selectedEdgeIds } = props;
  const selectedNodes = selectedNodeIds
    .map((id) => graph.nodes.find((n) => n.id === id))
    .filter((n): n is PipelineNode => n !== undefined);
  const selectedEdges = graph.edges.filter((e) => selectedEdgeIds.includes(e.id));
  let body: ReactNode;
  if (selectedNodes.length === 1 && selectedEdges.length === 0) {
    const node = selectedNodes[0];
    body =
      node.kind === "step" ? (
        <StepPanel key={node.id} {...props} node={node} />
      ) : node.kind === "input" ? (
        <InputPanel key={node.id} {...props} node={node} />
      ) : (
        <OutputPanel key={node.id} {...props} node={node} />
      );
  } else if (selectedNodes.length + selectedEdges.length > 0) {
    const parts = [
      selectedNodes.length ? `${selectedNodes.length} node${selectedNodes.length === 1 ? "" : "s"}` : "",
      selectedEdges.length ? `${selectedEdges.length} connection${selectedEdges.length === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    body = (
      <Section title="Selection">
        <p className="text-sm">{parts.join(" and ")} selected.</p>
        {selectedEdges.length === 1 && selectedNodes.length === 0 ? (
          <p className="text-sm text-muted">
            From {selectedEdges[0].source}.{selectedEdges[0].sourcePort} to {selectedEdges[0].target}.
            {selectedEdges[0].targetPort}
          </p>
        ) : null}
        {props.canEdit ? (
          <Button variant="danger" size="sm" onClick={props.onDeleteSelection}>
            <Trash2 size={14} aria-hidden /> Delete
          </Button>
        ) : null}
        <p className="text-xs text-muted">Delete or Backspace removes the selection too.</p>
      </Section>
    );
  } else {
    body = <PipelinePanel {...props} />;
  }
  return (
    <aside aria-label="Properties" className="flex h-full min-h-0 flex-col overflow-y-auto">
      {body}
    </aside>
  );
});

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2 border-b border-border p-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{title}</h3>
      {children}
    </section>
  );
}

function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="text-xs text-danger" role="alert">
      {error}
    </p>
  ) : null;
}

/** A text field that edits on Enter or when it loses focus, and shows why an edit was refused. */
function CommitField({
  label,
  value,
  onCommit,
  disabled,
  multiline,
  hint,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (text: string) => string | null;
  disabled?: boolean;
  multiline?: boolean;
  hint?: string;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text === value) return setError(null);
    const problem = onCommit(text);
    setError(problem);
    if (problem) return;
  };
  const common = {
    id,
    value: text,
    disabled,
    placeholder,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setText(e.target.value),
    onBlur: commit,
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <Textarea {...common} className="min-h-16" />
      ) : (
        <Input
          {...common}
          className="h-8"
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") {
              setText(value);
              setError(null);
            }
          }}
        />
      )}
      {hint && !error ? <p className="text-xs text-muted">{hint}</p> : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function PipelinePanel({ graph, meta, onMeta, canEdit, apply, onSelect }: Props) {
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

/** Somewhere below everything, so a new node does not land on another. */
function freeSpot(graph: PipelineGraph, dx = 0): { x: number; y: number } {
  if (!graph.nodes.length) return { x: dx, y: 0 };
  const bottom = Math.max(...graph.nodes.map((n) => n.position.y));
  const left = Math.min(...graph.nodes.map((n) => n.position.x));
  return { x: left + dx, y: bottom + 140 };
}

/** Where a node is in the current graph (the panel's copy may predate a move). */
function positionIn(graph: PipelineGraph, node: PipelineNode) {
  return graph.nodes.find((n) => n.id === node.id)?.position ?? node.position;
}

function componentHref(workspace: string, node: StepNode): string {
  const c = node.component;
  const scope =
    c.scopeKind === "registry"
      ? { kind: "registry" as const, name: c.scopeName }
      : { kind: "workspace" as const, name: workspace };
  return pages.assetVersion(scope, "components", c.name, c.version);
}

function StepPanel({ workspace, graph, node, canEdit, apply, onSelect, dataChoices }: Props & { node: StepNode }) {
  const ports = portsOf(node);
  return (
    <>
      <Section title="Step">
        <CommitField
          label="Step name"
          value={node.id}
          disabled={!canEdit}
          hint="The step's name in the pipeline YAML: letters, digits, _ and -."
          onCommit={(newId) => {
            const problem = apply((g) => renameStep(g, node.id, newId.trim()));
            if (!problem) onSelect(newId.trim());
            return problem;
          }}
        />
        <CommitField
          label="Display name"
          value={node.displayName ?? ""}
          disabled={!canEdit}
          placeholder={node.component.displayName || node.component.name}
          onCommit={(displayName) => apply((g) => updateStep(g, node.id, { displayName }))}
        />
        <p className="text-sm">
          Component{" "}
          <Link className="text-accent hover:underline" href={componentHref(workspace, node)}>
            {node.component.scopeKind === "registry" ? `${node.component.scopeName}/` : ""}
            {node.component.name}:{node.component.version}
          </Link>
          {node.component.isDeterministic ? null : <span className="text-muted"> · never reused</span>}
        </p>
      </Section>
      <Section title="Inputs">
        {ports.inputs.length === 0 ? <p className="text-sm text-muted">This component takes no inputs.</p> : null}
        {ports.inputs.map((port) => (
          <InputSource
            key={port.name}
            graph={graph}
            node={node}
            port={port}
            canEdit={canEdit}
            apply={apply}
            dataChoices={dataChoices}
          />
        ))}
      </Section>
      <Section title="Outputs">
        {ports.outputs.length === 0 ? <p className="text-sm text-muted">This component has no outputs.</p> : null}
        {ports.outputs.map((port) => (
          <OutputUse
            key={port.name}
            graph={graph}
            node={node}
            port={port}
            canEdit={canEdit}
            apply={apply}
            onSelect={onSelect}
          />
        ))}
      </Section>
    </>
  );
}

/** How a step input gets its value: unset (its default), a literal, a data asset, or a connection. */
function InputSource({
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

/** A value an input accepts, to start editing from: its default, else the first allowed value. */
function startingLiteral(port: Pick<Port, "type" | "default" | "min" | "max" | "enum">): LiteralValue {
  if (port.default !== undefined) return port.default;
  if (port.type === "boolean") return false;
  if (port.type === "integer" || port.type === "number") {
    const lowest = Math.min(Math.max(0, port.min ?? 0), port.max ?? Infinity);
    return port.type === "integer" ? Math.ceil(lowest) : lowest;
  }
  return port.enum?.[0] ?? "";
}

function LiteralEditor({
  port,
  value,
  disabled,
  onCommit,
}: {
  port: Pick<Port, "name" | "type" | "enum">;
  value: LiteralValue;
  disabled: boolean;
  onCommit: (value: LiteralValue) => string | null;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  if (port.type === "boolean") {
    return (
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onCommit(e.target.checked)}
        />
        {port.name} is true
      </label>
    );
  }
  if (port.enum?.length) {
    return (
      <Select
        aria-label={`Value of ${port.name}`}
        className="h-8"
        value={String(value)}
        disabled={disabled}
        onChange={(e) => onCommit(e.target.value)}
      >
        {port.enum.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    );
  }
  const commit = () => {
    if (text !== String(value)) onCommit(text);
  };
  return (
    <Input
      id={id}
      aria-label={`Value of ${port.name}`}
      className="h-8"
      inputMode={port.type === "integer" || port.type === "number" ? "decimal" : undefined}
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
      }}
    />
  );
}

/** A data asset and its version: `name@latest` or `name:3`, from the workspace or a registry. */
function DataRefEditor({
  value,
  choices,
  disabled,
  label,
  onChange,
}: {
  value: string;
  choices: DataChoice[];
  disabled: boolean;
  label: string;
  onChange: (ref: string) => void;
}) {
  const base = value.replace(/(@latest|:\d+)$/, "");
  const version = value.endsWith("@latest") ? "latest" : (value.match(/:(\d+)$/)?.[1] ?? "latest");
  const choice = choices.find((c) => c.ref === `${base}@latest`);
  const refOf = (name: string, v: string) => (v === "latest" ? `${name}@latest` : `${name}:${v}`);
  return (
    <div className="flex gap-1">
      <Select
        aria-label={label}
        className="h-8 min-w-0 flex-1"
        value={`${base}@latest`}
        disabled={disabled}
        onChange={(e) => onChange(refOf(e.target.value.replace(/@latest$/, ""), "latest"))}
      >
        {choice ? null : <option value={`${base}@latest`}>{base} (not found)</option>}
        {choices.map((c) => (
          <option key={c.ref} value={c.ref}>
            {c.label}
          </option>
        ))}
      </Select>
      <Select
        aria-label={`${label}: version`}
        className="h-8 w-24"
        value={version}
        disabled={disabled}
        onChange={(e) => onChange(refOf(base, e.target.value))}
      >
        <option value="latest">latest</option>
        {(choice?.versions ?? (version === "latest" ? [] : [Number(version)])).map((v) => (
          <option key={v} value={String(v)}>
            v{v}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Where a step output goes, and a shortcut to keep it as a pipeline output. */
function OutputUse({
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

function InputPanel({ graph, node, canEdit, apply, onSelect, dataChoices }: Props & { node: PipelineInputNode }) {
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

function OutputPanel({ graph, node, canEdit, apply, onSelect }: Props & { node: PipelineOutputNode }) {
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
