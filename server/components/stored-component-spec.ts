import "server-only";
import { z } from "zod";
import { DATA_PORT_TYPES, VALUE_PORT_TYPES, type ComponentSpec } from "@/lib/pipeline/types";

// A component version's `spec` column, read in one place: parsed with its schema, not cast, so a row that
// does not hold what the code expects fails loudly where it is read rather than somewhere downstream.

// Shapes only, no write-time limits: what was accepted when written is read back as it is.
const literalSchema = z.union([z.string(), z.number(), z.boolean()]);
const componentInputSchema = z.object({
  name: z.string(),
  type: z.enum([...DATA_PORT_TYPES, ...VALUE_PORT_TYPES]),
  description: z.string().optional(),
  default: literalSchema.optional(),
  optional: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  enum: z.array(z.string()).optional(),
});
const componentOutputSchema = z.object({
  name: z.string(),
  type: z.enum(DATA_PORT_TYPES),
  description: z.string().optional(),
});

const environmentSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("reference"),
    reference: z.string(),
    name: z.string(),
    version: z.union([z.number().int(), z.literal("latest"), z.null()]),
    registry: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("inline"),
    image: z.string().nullable(),
    condaFile: z.string().nullable(),
    condaFilePath: z.string().optional(),
  }),
]);

const componentSpecSchema = z.object({
  name: z.string(),
  version: z.number().int().nullable(),
  displayName: z.string(),
  description: z.string(),
  type: z.literal("command"),
  tags: z.record(z.string(), z.string()),
  inputs: z.array(componentInputSchema),
  outputs: z.array(componentOutputSchema),
  command: z.string(),
  environment: environmentSchema.nullable(),
  code: z.string().nullable(),
  isDeterministic: z.boolean(),
}) satisfies z.ZodType<ComponentSpec>;

const storedComponentSpecSchema = z.object({
  component: componentSpecSchema,
  yaml: z.string(),
  yamlPath: z.string(),
  /** Older versions kept the YAML as a blob too; it is read from `yaml` now. */
  yamlSha256: z.string().optional(),
});

/** What a component version stores in `spec`: the normalised spec and the YAML exactly as given. */
export type StoredComponentSpec = z.infer<typeof storedComponentSpecSchema>;

/** The `spec` column of a component version. */
export function readComponentSpec(column: string): StoredComponentSpec {
  return storedComponentSpecSchema.parse(JSON.parse(column));
}
