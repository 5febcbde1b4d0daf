"use client";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useServerAction } from "@/components/ui/use-server-action";

/** Deletes the monitor with its runs, results and own schedule, then goes back to the list. */
export function DeleteMonitor({ workspace, remove }: { workspace: string; remove: () => Promise<ActionResult<null>> }) {
  const router = useRouter();
  const { error, isPending, run } = useServerAction();
  return (
    <>
      <ConfirmDelete
        confirmLabel="Delete, with its runs"
        isPending={isPending}
        onConfirm={() => run(remove, "Monitor deleted", () => router.push(pages.monitors(workspace)))}
      />
      {error ? <span className="text-sm text-danger">{error}</span> : null}
    </>
  );
}
