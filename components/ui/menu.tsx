"use client";
import { createContext, useContext, useRef, useState, type ComponentProps, type ReactNode } from "react";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { MoreHorizontal } from "lucide-react";
import { cn } from "@/components/ui/cn";

// The studio's menus, on Radix's dropdown menu: it opens from the keyboard (Enter, Space, ArrowDown),
// moves with the arrow keys, Home/End and typeahead, closes on Escape or a click outside and returns focus
// to its button, and stays on screen (it flips above its button or shifts sideways when there is no room).
// Non-modal: the page behind keeps scrolling, and no <style> element is injected (the CSP allows none).
// A menu is named by its button (aria-labelledby), as the WAI-ARIA menu button pattern has it.

// Whether the open menu was opened from the keyboard: then its first item takes focus. Radix decides this from
// the last input event on the page, and a pointer event Chromium synthesises under a resting mouse (after the
// page lays out again) makes it focus the list instead, leaving a keyboard user without a current item.
type KeyboardOpening = { mark: (isKeyboard: boolean) => void; wasKeyboard: () => boolean };
const OpenedByKeyboard = createContext<KeyboardOpening | null>(null);
const OPENING_KEYS = ["Enter", " ", "ArrowDown", "ArrowUp"];

export function MenuRoot(props: Omit<ComponentProps<typeof DropdownMenu.Root>, "modal">) {
  const openedByKeyboard = useRef(false);
  const [opening] = useState<KeyboardOpening>(() => ({
    mark: (isKeyboard) => {
      openedByKeyboard.current = isKeyboard;
    },
    wasKeyboard: () => openedByKeyboard.current,
  }));
  return (
    <OpenedByKeyboard.Provider value={opening}>
      <DropdownMenu.Root modal={false} {...props} />
    </OpenedByKeyboard.Provider>
  );
}

export function MenuTrigger({ onKeyDown, onPointerDown, ...props }: ComponentProps<typeof DropdownMenu.Trigger>) {
  const openedByKeyboard = useContext(OpenedByKeyboard);
  return (
    <DropdownMenu.Trigger
      {...props}
      onKeyDown={(event) => {
        openedByKeyboard?.mark(OPENING_KEYS.includes(event.key));
        onKeyDown?.(event);
      }}
      onPointerDown={(event) => {
        openedByKeyboard?.mark(false);
        onPointerDown?.(event);
      }}
    />
  );
}

/** The floating list, in a portal (so a table's scrolling box does not clip it), kept within the viewport. */
export function MenuContent({ className, children, onFocus, ...props }: ComponentProps<typeof DropdownMenu.Content>) {
  const openedByKeyboard = useContext(OpenedByKeyboard);
  return (
    <DropdownMenu.Portal>
      <DropdownMenu.Content
        sideOffset={4}
        collisionPadding={8}
        onFocus={(event) => {
          onFocus?.(event);
          // Radix focused the list itself: opened from the keyboard, the first item takes the focus.
          if (event.target !== event.currentTarget || !openedByKeyboard?.wasKeyboard()) return;
          event.currentTarget.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus();
        }}
        {...props}
        className={cn(
          "z-40 max-h-[var(--radix-dropdown-menu-content-available-height)] max-w-[var(--radix-dropdown-menu-content-available-width)] min-w-44 overflow-y-auto rounded-lg border border-border bg-surface p-1 text-text shadow-lg",
          className,
        )}
      >
        {children}
      </DropdownMenu.Content>
    </DropdownMenu.Portal>
  );
}

export const menuItemClass =
  "flex w-full cursor-default select-none items-center gap-2 rounded px-2 py-1.5 text-left text-sm outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-surface-2";

/** One action; `asChild` makes a link (next/link) the item. */
export function MenuItem({
  className,
  isDanger,
  ...props
}: ComponentProps<typeof DropdownMenu.Item> & { isDanger?: boolean }) {
  return <DropdownMenu.Item {...props} className={cn(menuItemClass, isDanger && "text-danger", className)} />;
}

export function MenuGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DropdownMenu.Group aria-label={label} className="py-1">
      <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold uppercase tracking-wide text-muted">
        {label}
      </DropdownMenu.Label>
      {children}
    </DropdownMenu.Group>
  );
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="my-1 h-px bg-border" />;
}

export type MenuAction = {
  label: string;
  onSelect: () => void;
  isDanger?: boolean;
  icon?: ReactNode;
  disabled?: boolean;
};
/** A `…` button with a small menu of actions (rows of tables, page headers). */
export function ActionMenu({
  label,
  items,
  align = "right",
}: {
  label: string;
  items: MenuAction[];
  align?: "left" | "right";
}) {
  return (
    <MenuRoot>
      <MenuTrigger asChild>
        <button
          type="button"
          aria-label={label}
          className="flex size-8 items-center justify-center rounded-md border border-border bg-surface text-muted hover:bg-surface-2 hover:text-text data-[state=open]:bg-surface-2"
        >
          <MoreHorizontal size={16} aria-hidden />
        </button>
      </MenuTrigger>
      <MenuContent align={align === "right" ? "end" : "start"}>
        {items.map((item) => (
          <MenuItem key={item.label} disabled={item.disabled} isDanger={item.isDanger} onSelect={item.onSelect}>
            {item.icon}
            {item.label}
          </MenuItem>
        ))}
      </MenuContent>
    </MenuRoot>
  );
}
