"use client";
import Link from "next/link";
import { renameStep, updateStep } from "@/lib/pipeline/graph-edit";
import { portsOf } from "@/lib/pipeline/nodes";
import type { StepNode } from "@/lib/pipeline/types";
import { CommitField, Section } from "@/components/designer/inspector/fields";
import { InputSource } from "@/components/designer/inspector/input-source";
import { OutputUse } from "@/components/designer/inspector/output-use";
import type { PanelProps } from "@/components/designer/inspector/panel-props";
import { pages } from "@/lib/routes";

function componentHref(workspace: string, node: StepNode): string {
  const c = node.component;
  const scope =
    c.scopeKind === "registry"
      ? { kind: "registry" as const, name: c.scopeName }
      : { kind: "workspace" as const, name: workspace };
  return pages.assetVersion(scope, "components", c.name, c.version);
}

export function StepPanel({
  workspace,
  graph,
  node,
  canEdit,
  apply,
  onSelect,
  dataChoices,
}: PanelProps & { node: StepNode }) {
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
            {node.component.name}
            {node.component.followsLatest
              ? `@latest (v${node.component.version} when added; each submit runs the latest)`
              : `:${node.component.version}`}
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
