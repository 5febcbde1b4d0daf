import { z } from "zod";
import {
  assetNameSchema,
  descriptionSchema,
  pageLimitSchema,
  propertiesSchema,
  tagsSchema,
} from "@/lib/schemas/common";

export const MODEL_TYPES = ["custom_model", "onnx", "mlflow_model", "triton_model"] as const;
export type ModelType = (typeof MODEL_TYPES)[number];
export const MODEL_TYPE_LABELS: Record<ModelType, string> = {
  custom_model: "Custom",
  onnx: "ONNX",
  mlflow_model: "MLflow",
  triton_model: "Triton",
};

export const modelSourceSchema = z
  .object({
    jobId: z.string().trim().min(1).max(128).optional(),
    runUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
  })
  .strict();

/** Metadata of a new version; the files come separately (multipart upload or already-stored blobs). */
export const registerModelVersionSchema = z.object({
  name: assetNameSchema,
  description: descriptionSchema.default(""),
  type: z.enum(MODEL_TYPES).default("custom_model"),
  tags: tagsSchema.default({}),
  properties: propertiesSchema.default({}),
  source: modelSourceSchema.optional(),
});
export type RegisterModelVersionInput = z.input<typeof registerModelVersionSchema>;

export const MODEL_SORTS = ["name", "-name", "updatedAt", "-updatedAt"] as const;
export type ModelSort = (typeof MODEL_SORTS)[number];

export const listModelsQuerySchema = z.object({
  q: z.string().trim().max(255).optional(),
  tags: z.string().max(4000).optional(),
  sort: z.enum(MODEL_SORTS).default("name"),
  cursor: z.string().max(1024).optional(),
  limit: pageLimitSchema,
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
});
export type ListModelsQuery = z.input<typeof listModelsQuerySchema>;

export const listVersionsQuerySchema = z.object({
  tags: z.string().max(4000).optional(),
  cursor: z.string().max(1024).optional(),
  limit: pageLimitSchema,
  archived: z.enum(["exclude", "include", "only"]).default("include"),
});
export type ListVersionsQuery = z.input<typeof listVersionsQuerySchema>;

export const updateModelVersionSchema = z
  .object({
    tags: tagsSchema.optional(),
    description: descriptionSchema.optional(),
    isArchived: z.boolean().optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((v) => v.tags !== undefined || v.description !== undefined || v.isArchived !== undefined, {
    message: "Give at least one of tags, description or isArchived.",
  });
export type UpdateModelVersionInput = z.infer<typeof updateModelVersionSchema>;

export const publishModelVersionSchema = z
  .object({
    source: z.object({
      workspace: z.string().min(1).max(63),
      name: assetNameSchema,
      version: z.coerce.number().int().positive(),
    }),
    reason: z.string().trim().min(1, "Say why this version is shared.").max(1000),
  })
  .strict();
export type PublishModelVersionInput = z.infer<typeof publishModelVersionSchema>;

export const deleteReasonSchema = z.object({ reason: z.string().trim().max(1000).optional() });

/** Pointing a model alias (champion, challenger) at a version, with why. */
export const setModelAliasSchema = z.strictObject({
  version: z.coerce.number().int().min(1),
  reason: z.string().trim().max(1000).optional(),
});

/** A model alias as the API answers it. */
export type ModelAliasDto = { alias: string; version: number; updatedAt: string; updatedBy: string };
/** What happened to a deployment following the alias when it moved. */
export type AliasFollowerDto = {
  workspace: string;
  endpoint: string;
  deployment: string;
  outcome: "moved" | "requested" | "refused";
  /** The promotion request's number in the workspace, when the move waits for approval. */
  request?: number;
  message?: string;
};
export type SetModelAliasDto = ModelAliasDto & { followers: AliasFollowerDto[] };
/** One move of an alias: to a version (null when removed) from the one it replaced. */
export type AliasChangeDto = {
  at: string;
  alias: string;
  version: number | null;
  previousVersion: number | null;
  by: string;
  reason: string | null;
};
