import { stringify } from "yaml";
import { COMPONENT_SCHEMA_URL } from "@/lib/components/component-yaml";
import type { PipelineDocInput, StepInputValue } from "@/lib/pipeline/pipeline-yaml-doc";

// A pipeline step written inline (`command:` in the step, as Azure ML's hello-pipeline samples do) is an
// anonymous component to Azure ML. Here it becomes a component YAML of its own, made from the step (its
// command, code, environment, and inputs and outputs typed from what they are bound to), which the import
// then registers like a component file beside the pipeline.

/** Where an inline step's component is taken to sit: beside the pipeline, so its `code:` means the same. */
export const inlineComponentPath = (step: string) => `${step}.inline-component.yml`;

/** The keys of an inline step that make its component (the rest stay the step's). */
export const INLINE_COMPONENT_KEYS = new Set(["command", "code", "environment"]);

function literalType(value: unknown): string {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return "string";
}

/** An input's type: as the step declares it (`type:`), else from what the reader found it bound to. */
function inputType(declared: unknown, bound: StepInputValue, pipelineInputs: PipelineDocInput[]): string {
  if (typeof declared === "string") return declared;
  switch (bound.kind) {
    case "literal":
      return literalType(bound.value);
    case "parentInput": {
      const input = pipelineInputs.find((i) => i.name === bound.name);
      if (input?.type) return input.type;
      if (input?.data || input?.localPath) return "uri_folder";
      return input?.value !== undefined ? literalType(input.value) : "string";
    }
    default:
      return "uri_folder";
  }
}

/**
 * The component YAML of an inline step: `step` is its name, `raw` the step's mapping as plain values,
 * `bindings` its inputs as the reader understood them.
 */
export function inlineComponentYaml(
  step: string,
  raw: Record<string, unknown>,
  bindings: { name: string; value: StepInputValue }[],
  pipelineInputs: PipelineDocInput[],
): string {
  const written = (raw.inputs as Record<string, unknown> | null) ?? {};
  const declaredType = (name: string) => {
    const input = written[name];
    return input && typeof input === "object" ? (input as { type?: unknown }).type : undefined;
  };
  const inputs = Object.fromEntries(
    bindings.map(({ name, value }) => [name, { type: inputType(declaredType(name), value, pipelineInputs) }]),
  );
  const outputs = Object.fromEntries(
    Object.entries((raw.outputs as Record<string, unknown> | null) ?? {}).map(([name, bound]) => {
      const declared = bound && typeof bound === "object" ? (bound as { type?: unknown }).type : undefined;
      return [name, { type: typeof declared === "string" ? declared : "uri_folder" }];
    }),
  );
  const component: Record<string, unknown> = {
    $schema: COMPONENT_SCHEMA_URL,
    name: step,
    version: 1,
    type: "command",
    ...(typeof raw.display_name === "string" ? { display_name: raw.display_name } : {}),
    description: "An inline step of an imported pipeline, registered as its component.",
    ...(Object.keys(inputs).length ? { inputs } : {}),
    ...(Object.keys(outputs).length ? { outputs } : {}),
    command: raw.command,
    ...(raw.code !== undefined ? { code: raw.code } : {}),
    ...(raw.environment !== undefined ? { environment: raw.environment } : {}),
  };
  return stringify(component, { lineWidth: 0 });
}
