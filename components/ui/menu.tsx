"use client";
import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { MoreHorizontal } from "lucide-react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { cn } from "@/components/ui/cn";

export type MenuItem = {
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
  icon?: ReactNode;
  disabled?: boolean;
};

const ITEM_HEIGHT_PX = 32;

/**
 * A `…` button with a small menu of actions; Escape or a click outside closes it. The menu is placed
 * with fixed coordinates next to the button (above it when there is no room below), so a table's
 * scrolling container does not clip it.
 */
export function ActionMenu({
  label,
  items,
  align = "right",
}: {
  label: string;
  items: MenuItem[];
  align?: "left" | "right";
}) {
  const [position, setPosition] = useState<CSSProperties | null>(null);
  const isOpen = position !== null;
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setPosition(null), []);
  useDismiss(ref, isOpen, close);
  const place = useCallback(() => {
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    const height = items.length * ITEM_HEIGHT_PX + 12;
    const top =
      rect.bottom + 4 + height > window.innerHeight && rect.top - 4 - height > 0
        ? rect.top - 4 - height
        : rect.bottom + 4;
    setPosition({
      position: "fixed",
      top,
      ...(align === "right" ? { right: window.innerWidth - rect.right } : { left: rect.left }),
    });
  }, [items.length, align]);
  // The menu follows its button when the page scrolls or resizes.
  useEffect(() => {
    if (!isOpen) return;
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [isOpen, place]);

  return (
    <div ref={ref} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={() => (isOpen ? close() : place())}
        className="flex size-8 items-center justify-center rounded-md border border-border bg-surface text-muted hover:bg-surface-2 hover:text-text"
      >
        <MoreHorizontal size={16} aria-hidden />
      </button>
      {isOpen ? (
        <div
          role="menu"
          aria-label={label}
          style={position}
          className="z-40 min-w-44 rounded-md border border-border bg-surface p-1 shadow-lg"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                close();
                item.onSelect();
              }}
              className={cn(
                "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-surface-2 disabled:opacity-50",
                item.isDanger && "text-danger",
              )}
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
