"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

/**
 * Runs a server action from a form or button: shows its error, or on success a confirmation toast,
 * then refreshes the page's server data. `onSuccess` runs before the refresh (close an editor, keep a
 * secret to show once…).
 */
export function useServerAction() {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = <T>(
    action: () => Promise<ActionResult<T>>,
    confirmation: string | null,
    onSuccess?: (data: T) => void,
  ) => {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error.message);
      onSuccess?.(result.data);
      if (confirmation) toast(confirmation);
      router.refresh();
    });
  };
  return { error, isPending, run };
}
