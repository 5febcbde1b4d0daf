import "server-only";

/** Whether a database error is a unique-constraint violation (Prisma's P2002), on either provider. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === "P2002";
