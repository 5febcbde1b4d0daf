"use client";
import { useRouter } from "next/navigation";
import { Activity } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";

/** One click: a monitor of the deployment with every default, its first run queued; then its page. */
export function CreateMonitorButton({
  workspace,
  deployment,
  create,
}: {
  workspace: string;
  deployment: string;
  create: () => Promise<ActionResult<{ name: string }>>;
}) {
  const router = useRouter();
  const { error, isPending, run } = useServerAction();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        disabled={isPending}
        aria-label={`Create a monitor of ${deployment}`}
        onClick={() => run(create, "Monitor created", ({ name }) => router.push(pages.monitor(workspace, name)))}
      >
        <Activity size={14} aria-hidden /> {isPending ? "Creating…" : "Create monitor"}
      </Button>
      {error ? <p className="max-w-80 text-right text-xs text-danger">{error}</p> : null}
    </div>
  );
}
