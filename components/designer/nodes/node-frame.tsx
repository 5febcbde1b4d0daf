"use client";
import type { ReactNode } from "react";
import { AlertTriangle } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** The card every node kind is drawn in: selection ring, a problem badge, title and a detail line. */
export function NodeFrame({
  kind,
  title,
  detail,
  selected,
  issueCount,
  top,
  bottom,
}: {
  kind: "step" | "input" | "output";
  title: string;
  detail: string;
  selected: boolean;
  issueCount: number;
  top?: ReactNode;
  bottom?: ReactNode;
}) {
  return (
    <div
      className={cn(
        "w-60 rounded-lg border bg-surface text-left shadow-sm",
        kind === "step" ? "border-border" : "border-dashed border-border",
        selected && "border-accent ring-2 ring-accent/40",
        issueCount > 0 && !selected && "border-danger/60",
      )}
      data-node-kind={kind}
    >
      {top}
      <div className="flex items-start gap-2 px-3 py-1.5">
        <div className="min-w-0 flex-1">
          <div className="truncate text-sm font-medium" title={title}>
            {title}
          </div>
          <div className="truncate text-xs text-muted" title={detail}>
            {detail}
          </div>
        </div>
        {issueCount > 0 ? (
          <span
            className="flex shrink-0 items-center gap-0.5 rounded bg-danger-soft px-1 text-xs text-danger"
            title={`${issueCount} problem${issueCount === 1 ? "" : "s"}`}
          >
            <AlertTriangle size={12} aria-hidden />
            {issueCount}
          </span>
        ) : null}
      </div>
      {bottom}
    </div>
  );
}
