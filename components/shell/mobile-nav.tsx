"use client";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Menu, X } from "lucide-react";
import { SideNav, type NavScope } from "@/components/shell/side-nav";

/** On narrow screens the side navigation folds into a menu button in the top bar. */
export function MobileNav({ scopes, fallback }: { scopes: NavScope[]; fallback: NavScope | null }) {
  // Open for the page it was opened on: navigating closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (isOpen: boolean) => setOpenOn(isOpen ? pathname : null);
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-label={open ? "Close navigation" : "Open navigation"}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-md p-1.5 hover:bg-surface-2"
      >
        {open ? <X size={18} aria-hidden /> : <Menu size={18} aria-hidden />}
      </button>
      {open ? (
        <div className="fixed inset-x-0 top-12 z-30 max-h-[calc(100vh-3rem)] overflow-y-auto border-b border-border bg-surface shadow-lg">
          <SideNav scopes={scopes} fallback={fallback} />
        </div>
      ) : null}
    </div>
  );
}
