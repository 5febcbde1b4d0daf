import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/misc";

/**
 * The studio's create-and-register forms: a labelled form that submits without reloading the page, what
 * went wrong above the fields, and one primary button that says what it is doing while it does it.
 */
export function StudioForm({
  label,
  onSubmit,
  error,
  errorTitle,
  submitLabel,
  pendingLabel,
  isPending,
  canSubmit = true,
  className,
  children,
}: {
  label: string;
  onSubmit: () => void;
  /** Why the last submit failed (null: it did not). */
  error: ReactNode;
  errorTitle: string;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  /** Whether the form holds what a submit needs (the button stays disabled until it does). */
  canSubmit?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      aria-label={label}
      className={cn("flex min-w-0 max-w-3xl flex-col gap-5", className)}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {error ? <Alert title={errorTitle}>{error}</Alert> : null}
      {children}
      <div>
        <Button type="submit" variant="primary" disabled={isPending || !canSubmit}>
          {isPending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
