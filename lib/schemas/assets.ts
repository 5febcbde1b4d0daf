import { z } from "zod";
import { checkCondaYaml } from "@/lib/conda-yaml";
import { updateModelVersionSchema } from "@/lib/schemas/models";
import { assetNameSchema, descriptionSchema, pageLimitSchema, scopeNameSchema, tagsSchema } from "@/lib/schemas/common";

// Environments and data assets: versioned assets stored as AssetVersion rows, the kind's document in
// `spec` (JSON) and tags as one JSON object.

export const ASSET_KINDS = ["environment", "data", "component"] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** URL segment of each kind: /workspaces/dev/environments, /workspaces/dev/data. */
export const ASSET_SEGMENT: Record<AssetKind, "environments" | "data" | "components"> = {
  environment: "environments",
  data: "data",
  component: "components",
};
export const ASSET_LABEL: Record<AssetKind, string> = {
  environment: "Environment",
  data: "Data asset",
  component: "Component",
};

export const MAX_SPEC_TEXT_BYTES = 64 * 1024;

const specText = (what: string) =>
  z
    .string()
    .refine(
      (t) => new TextEncoder().encode(t).length <= MAX_SPEC_TEXT_BYTES,
      `The ${what} is larger than ${MAX_SPEC_TEXT_BYTES / 1024} KiB.`,
    )

    .refine(
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
      (t) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t),
      `The ${what} contains control characters.`,
    );

// registry[:port]/path[:tag][@sha256:digest], as Docker and OCI name images.
const IMAGE_REF =
  /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9-]+)*(:[0-9]{1,5})?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

export const baseImageSchema = z
  .string()
  .max(512, "The image reference is at most 512 characters.")
  .regex(IMAGE_REF, "Not an image reference (e.g. python:3.11-slim or ghcr.io/org/image:tag).");

/** The environment's definition, kept exactly as given (no trimming of the texts). */
export const environmentSpecSchema = z
  .object({
    conda: specText("conda file")
      .superRefine((text, ctx) => {
        const check = checkCondaYaml(text);
        if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
      })
      .nullish()
      .transform((v) => v ?? null),
    pip: specText("pip requirements")
      .refine((t) => t.trim() !== "", "The pip requirements are empty.")
      .nullish()
      .transform((v) => v ?? null),
    image: baseImageSchema.nullish().transform((v) => v ?? null),
  })
  .refine((s) => s.conda !== null || s.pip !== null || s.image !== null, {
    message: "Give at least one of a conda file, pip requirements or a base image.",
  });
export type EnvironmentSpec = z.output<typeof environmentSpecSchema>;

export const createEnvironmentVersionSchema = z
  .object({
    name: assetNameSchema,
    description: descriptionSchema.default(""),
    tags: tagsSchema.default({}),
    conda: z.string().nullish(),
    pip: z.string().nullish(),
    image: z.string().nullish(),
  })
  .strict();
export type CreateEnvironmentVersionInput = z.input<typeof createEnvironmentVersionSchema>;

export const DATA_TYPES = ["file", "folder", "table"] as const;
export type DataType = (typeof DATA_TYPES)[number];
export const DATA_TYPE_LABELS: Record<DataType, string> = { file: "File", folder: "Folder", table: "Table" };

export const createDataVersionSchema = z
  .object({
    name: assetNameSchema,
    type: z.enum(DATA_TYPES).default("file"),
    description: descriptionSchema.default(""),
    tags: tagsSchema.default({}),
  })
  .strict();
export type CreateDataVersionInput = z.input<typeof createDataVersionSchema>;

/** JSON body that snapshots a server path (inside STUDIO_DATA_ROOTS) as a new data version. */
export const createDataFromPathSchema = createDataVersionSchema
  .omit({ name: true })
  .extend({
    path: z.string().min(1, "Give the path to read.").max(4096),
    // No default type: left out, it is taken from the path (a file → file, a folder → folder).
    type: createDataVersionSchema.shape.type
      .unwrap()
      .optional()
      .describe("file, folder or table; taken from the path when omitted (a file or a folder)."),
  })
  .strict();
export type CreateDataFromPathInput = z.input<typeof createDataFromPathSchema>;

/** How a data version came to be: uploaded, snapshotted from a server path, or written by a job (batch predictions). */
export type DataSpec = {
  type: DataType;
  origin: "upload" | "path" | "job";
  originalPath: string | null;
  job?: string | null;
};

export const listAssetsQuerySchema = z.object({
  q: z.string().trim().max(255).optional(),
  cursor: z.string().max(1024).optional(),
  limit: pageLimitSchema,
});
export type ListAssetsQuery = z.input<typeof listAssetsQuerySchema>;

/** The same edits as on a model version: tags (the set replaces the old one), description, archived flag. */
export const updateAssetVersionSchema = updateModelVersionSchema;
export type UpdateAssetVersionInput = z.infer<typeof updateAssetVersionSchema>;

export const shareAssetVersionSchema = z
  .object({
    registry: scopeNameSchema,
    name: assetNameSchema.optional().describe("Name in the registry; the same name when omitted."),
    reason: z.string().trim().min(1, "Say why this version is shared.").max(1000),
  })
  .strict();
export type ShareAssetVersionInput = z.infer<typeof shareAssetVersionSchema>;

/** Bodies of the create routes: the name comes from the URL. */
export const createEnvironmentBodySchema = createEnvironmentVersionSchema.omit({ name: true });
export const createDataFromPathBodySchema = createDataFromPathSchema;

/** A component registered from its YAML alone (no code folder). */
export const registerComponentBodySchema = z.object({
  yaml: z.string().min(1, "Send the component's YAML."),
  description: descriptionSchema.optional(),
  tags: tagsSchema.optional(),
});

/** The fields beside a component folder upload. */
export const registerComponentFieldsSchema = z.object({
  yamlPath: z.string().max(1024).optional(),
  description: descriptionSchema.optional(),
  tags: tagsSchema.optional(),
});
