import "server-only";
import { sandboxStatus } from "@/server/runtime/sandbox/sandbox";
import type { ScopeDto } from "@/lib/schemas/dto";

/** The warning owners see while user code runs unsandboxed; null when it is sandboxed or they own nothing. */
export function sandboxNoticeFor(scopes: Pick<ScopeDto, "role">[]): { reason: string } | null {
  if (!scopes.some((s) => s.role === "owner")) return null;
  const status = sandboxStatus();
  return status.isSandboxed ? null : { reason: status.reason };
}
