import { z } from "zod";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "Give the token a name.")
  .max(100, "Token names are at most 100 characters.");

export const createTokenSchema = z.object({
  name: tokenNameSchema,
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const passwordTokenSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
  name: tokenNameSchema,
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
