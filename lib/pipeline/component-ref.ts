import type { ComponentRef, ComponentSpec } from "@/lib/pipeline/types";

/** What a pipeline node keeps of a component version: where it lives, and its interface at that version. */
export function toComponentRef(
  scope: { kind: "workspace" | "registry"; name: string },
  version: number,
  spec: ComponentSpec,
): ComponentRef {
  return {
    scopeKind: scope.kind,
    scopeName: scope.name,
    name: spec.name,
    version,
    displayName: spec.displayName,
    inputs: spec.inputs,
    outputs: spec.outputs,
    isDeterministic: spec.isDeterministic,
  };
}
