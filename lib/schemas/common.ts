import { z } from "zod";
import { MAX_TAG_VALUE_LENGTH, TAG_KEY_PATTERN } from "@/lib/tag-filter";

export const MAX_TAGS = 50;
export const MAX_PROPERTIES = 50;

export const assetNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(255, "Name is at most 255 characters.")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    "Name may hold letters, digits, '-', '_' and '.', and must start with a letter or digit.",
  );

export const scopeNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Not a valid workspace or registry name.");

export const tagKeySchema = z
  .string()
  .regex(TAG_KEY_PATTERN, "Tag names may only hold letters, digits and _ . - : / (1 to 128 characters).");

export const tagValueSchema = z
  .string()
  .max(MAX_TAG_VALUE_LENGTH, `Tag values are at most ${MAX_TAG_VALUE_LENGTH} characters.`)
  .refine((v) => !v.includes(","), "Tag values may not contain ',' (it separates tag filters).")
  .refine((v) => v.trim() === v, "Tag values may not start or end with a space (a filter could not match them).");

export const tagsSchema = z
  .record(tagKeySchema, tagValueSchema)
  .refine((t) => Object.keys(t).length <= MAX_TAGS, `At most ${MAX_TAGS} tags.`);

export const propertiesSchema = z
  .record(z.string().min(1).max(128), z.string().max(1024))
  .refine((p) => Object.keys(p).length <= MAX_PROPERTIES, `At most ${MAX_PROPERTIES} properties.`);

export const pageLimitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const descriptionSchema = z.string().max(5000, "Description is at most 5000 characters.");
