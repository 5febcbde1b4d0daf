import { z } from "zod";
import { ROLES } from "@/lib/permissions";

export const memberEmailSchema = z
  .email("Give the e-mail of an existing user.")
  .max(320)
  .transform((e) => e.trim().toLowerCase());

export const setMemberRoleSchema = z
  .object({
    role: z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}.` }),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export type SetMemberRoleInput = z.input<typeof setMemberRoleSchema>;
