"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { X } from "lucide-react";

/** A modal dialog on the native <dialog> element: focus trapping, Escape and the backdrop come free. */
export function Dialog({
  open,
  onClose,
  title,
  description,
  size = "normal",
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** "wide" for content that is read rather than filled in (a file's contents). */
  size?: "normal" | "wide";
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={`m-auto ${size === "wide" ? "w-[min(64rem,calc(100vw-2rem))]" : "w-[min(32rem,calc(100vw-2rem))]"} rounded-xl border border-border bg-surface p-0 text-text shadow-xl`}
    >
      {open ? (
        <div className="flex flex-col gap-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold break-words">
                {title}
              </h2>
              {description ? <div className="mt-1 text-sm text-muted">{description}</div> : null}
            </div>
            <button
              type="button"
              aria-label="Close"
              onClick={onClose}
              className="rounded p-1 text-muted hover:bg-surface-2"
            >
              <X size={16} />
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
