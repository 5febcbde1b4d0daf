import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function Badge({
  children,
  tone = "neutral",
  className,
}: {
  children: ReactNode;
  tone?: "neutral" | "accent" | "success" | "warning" | "danger";
  className?: string;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium",
        tone === "neutral" && "bg-surface-2 text-muted",
        tone === "accent" && "bg-accent-soft text-accent",
        tone === "success" && "bg-success-soft text-success",
        tone === "warning" && "bg-warning-soft text-warning",
        tone === "danger" && "bg-danger-soft text-danger",
        className,
      )}
    >
      {children}
    </span>
  );
}

export function TagChip({ name, value }: { name: string; value: string }) {
  return (
    <span className="inline-flex max-w-full items-center overflow-hidden rounded border border-border bg-surface-2 text-xs">
      <span className="px-1.5 py-0.5 text-muted">{name}</span>
      {value ? <span className="truncate border-l border-border px-1.5 py-0.5">{value}</span> : null}
    </span>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    // min-w-0: in a grid or flex row a card shrinks to its track, and wide content scrolls inside it.
    <section aria-label={title} className={cn("min-w-0 rounded-lg border border-border bg-surface", className)}>
      {title ? (
        <div className="flex items-center justify-between gap-2 border-b border-border px-4 py-2.5">
          <h2 className="text-sm font-semibold">{title}</h2>
          {actions}
        </div>
      ) : null}
      <div className="p-4">{children}</div>
    </section>
  );
}

export function PageHeader({
  title,
  subtitle,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: ReactNode;
}) {
  return (
    <div className="mb-5 flex flex-col gap-1">
      {breadcrumbs ? <div className="text-sm text-muted">{breadcrumbs}</div> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{title}</h1>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {subtitle ? <div className="text-sm text-muted">{subtitle}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border bg-surface px-6 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm text-muted">{children}</div> : null}
    </div>
  );
}

export function Alert({
  tone = "danger",
  children,
  title,
}: {
  tone?: "danger" | "warning" | "info";
  title?: string;
  children: ReactNode;
}) {
  return (
    <div
      role={tone === "danger" ? "alert" : "note"}
      className={cn(
        "rounded-md border px-3 py-2 text-sm",
        tone === "danger" && "border-danger/40 bg-danger-soft text-danger",
        tone === "warning" && "border-warning/40 bg-warning-soft text-warning",
        tone === "info" && "border-border bg-surface-2 text-text",
      )}
    >
      {title ? <p className="font-medium">{title}</p> : null}
      {children}
    </div>
  );
}

/** One label/value row of a details list (`<dl>`), as on version, job and asset pages. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
