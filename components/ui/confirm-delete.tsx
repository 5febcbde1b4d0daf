"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** "Delete…", then the real delete (saying what goes with it) beside "Keep it": one click never deletes. */
export function ConfirmDelete({
  confirmLabel,
  isPending,
  onConfirm,
}: {
  /** The confirming button's label, such as "Delete, with its runs". */
  confirmLabel: string;
  isPending: boolean;
  onConfirm: () => void;
}) {
  const [isConfirming, setConfirming] = useState(false);
  if (!isConfirming)
    return (
      <Button variant="ghost" disabled={isPending} onClick={() => setConfirming(true)}>
        Delete…
      </Button>
    );
  return (
    <>
      <Button variant="danger" disabled={isPending} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button variant="ghost" onClick={() => setConfirming(false)}>
        Keep it
      </Button>
    </>
  );
}
