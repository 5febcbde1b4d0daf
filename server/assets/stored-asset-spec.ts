import "server-only";
import { z } from "zod";
import { DATA_TYPES, type DataSpec, type EnvironmentSpec } from "@/lib/schemas/assets";

// An asset version's `spec` column, read in one place and parsed with its schema, not cast. Shapes only:
// what was accepted when written is read back as it is (older rows may leave optional parts out).

const environmentSpecSchema = z.object({
  conda: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  pip: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  image: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
}) satisfies z.ZodType<EnvironmentSpec, unknown>;

const dataSpecSchema = z.object({
  type: z.enum(DATA_TYPES),
  origin: z.enum(["upload", "path", "job"]),
  originalPath: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  job: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
}) satisfies z.ZodType<DataSpec, unknown>;

/** The spec of an environment version (conda file, pip requirements, base image). */
export function readEnvironmentSpec(column: string): EnvironmentSpec {
  return environmentSpecSchema.parse(JSON.parse(column));
}

/** The spec of a data asset version. */
export function readDataSpec(column: string): DataSpec {
  return dataSpecSchema.parse(JSON.parse(column));
}
