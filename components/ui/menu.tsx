"use client";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { MoreHorizontal } from "lucide-react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { cn } from "@/components/ui/cn";

export type MenuItem = { label: string; onSelect: () => void; isDanger?: boolean; icon?: ReactNode; disabled?: boolean };

/** A `…` button with a small menu of actions; Escape or a click outside closes it. */
export function ActionMenu({ label, items, align = "right" }: { label: string; items: MenuItem[]; align?: "left" | "right" }) {
  const [isOpen, setIsOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(ref, isOpen, close);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((v) => !v)}
        className="flex size-8 items-center justify-center rounded-md border border-border bg-surface text-muted hover:bg-surface-2 hover:text-text"
      >
        <MoreHorizontal size={16} aria-hidden />
      </button>
      {isOpen ? (
        <div role="menu" aria-label={label} className={cn("absolute z-30 mt-1 min-w-44 rounded-md border border-border bg-surface p-1 shadow-lg", align === "right" ? "right-0" : "left-0")}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                setIsOpen(false);
                item.onSelect();
              }}
              className={cn("flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-surface-2 disabled:opacity-50", item.isDanger && "text-danger")}
            >
              {item.icon}
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
