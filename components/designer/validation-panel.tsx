"use client";
import { memo } from "react";
import { AlertTriangle, CheckCircle2 } from "lucide-react";
import type { ValidationIssue } from "@/lib/pipeline/types";

/**
 * What keeps the pipeline from running (the same checks as submit), each problem a button that selects
 * the node it is about and brings it into view.
 */
export const ValidationPanel = memo(function ValidationPanel({
  issues,
  onPick,
}: {
  issues: ValidationIssue[];
  onPick: (issue: ValidationIssue) => void;
}) {
  return (
    <section aria-label="Validation" className="flex max-h-full min-h-0 flex-col">
      <h3 className="flex items-center gap-1.5 border-b border-border px-3 py-2 text-xs font-semibold uppercase tracking-wide text-muted">
        {issues.length ? (
          <AlertTriangle size={14} aria-hidden className="text-danger" />
        ) : (
          <CheckCircle2 size={14} aria-hidden className="text-success" />
        )}
        {issues.length ? `${issues.length} problem${issues.length === 1 ? "" : "s"}` : "Ready to submit"}
      </h3>
      {issues.length ? (
        <ul className="min-h-0 flex-1 overflow-y-auto">
          {issues.map((issue, i) => (
            <li key={`${issue.code}-${issue.nodeId ?? ""}-${issue.port ?? ""}-${issue.edgeId ?? ""}-${i}`}>
              <button
                type="button"
                onClick={() => onPick(issue)}
                disabled={!issue.nodeId && !issue.edgeId}
                className="w-full border-b border-border px-3 py-1.5 text-left text-sm hover:bg-surface-2 disabled:cursor-default disabled:hover:bg-transparent"
                data-issue={issue.code}
              >
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-3 py-2 text-sm text-muted">No cycles, type errors or missing inputs.</p>
      )}
    </section>
  );
});
