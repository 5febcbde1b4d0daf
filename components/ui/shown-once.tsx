import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A secret the studio shows this once (a token, a signing secret), with a copy button and how to use it. */
export function ShownOnce({
  label,
  title,
  secret,
  what,
  testId,
  children,
}: {
  /** The region's accessible name. */
  label: string;
  title: ReactNode;
  secret: string;
  /** What the copy button copies ("token", "secret"). */
  what: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-label={label} className="rounded-lg border border-success/40 bg-success-soft p-4 text-sm">
      <p className="font-medium text-success">{title}</p>
      <div className="mt-2 flex items-center gap-2">
        <code
          data-testid={testId}
          className="min-w-0 flex-1 truncate rounded border border-border bg-surface px-2 py-1.5 font-mono text-text"
        >
          {secret}
        </code>
        <CopyButton text={secret} label={what} />
      </div>
      {children ? <p className="mt-2 text-muted">{children}</p> : null}
    </section>
  );
}
