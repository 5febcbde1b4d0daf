"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useDarkTheme } from "@/components/ui/use-dark-theme";
import { apiRequest } from "@/components/ui/api-request";
import { api } from "@/lib/routes";
import { ChevronDown, KeyRound, LogOut, Moon, Sun, History, MonitorX } from "lucide-react";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const [open, setOpen] = useState(false);
  const isDark = useDarkTheme();
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  const toggleTheme = () => {
    const next = !isDark;
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("theme", next ? "dark" : "light");
  };
  // Every browser session of the user ends (on other devices too), then this one signs out.
  const signOutEverywhere = async () => {
    await apiRequest(api.meSessions(), { method: "DELETE" }, 200);
    await signOut({ callbackUrl: "/sign-in" });
  };
  const item = "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-surface-2";
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen((v) => !v)}
        className="flex h-8 items-center gap-2 rounded-md px-2 text-sm hover:bg-surface-2"
      >
        <span
          aria-hidden
          className="flex size-6 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{name}</span>
        <ChevronDown size={14} aria-hidden />
      </button>
      {open ? (
        <div className="absolute right-0 z-30 mt-1 w-60 rounded-lg border border-border bg-surface p-1 shadow-lg">
          <div className="border-b border-border px-2 py-2">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-muted">{email}</p>
          </div>
          <div className="py-1">
            <Link href="/settings/tokens" className={item} onClick={() => setOpen(false)}>
              <KeyRound size={14} aria-hidden /> Access tokens
            </Link>
            <Link href="/activity" className={item} onClick={() => setOpen(false)}>
              <History size={14} aria-hidden /> Activity
            </Link>
            <button type="button" className={item} onClick={toggleTheme}>
              {isDark ? <Sun size={14} aria-hidden /> : <Moon size={14} aria-hidden />}{" "}
              {isDark ? "Light theme" : "Dark theme"}
            </button>
            <button type="button" className={item} onClick={() => signOut({ callbackUrl: "/sign-in" })}>
              <LogOut size={14} aria-hidden /> Sign out
            </button>
            <button type="button" className={item} onClick={signOutEverywhere}>
              <MonitorX size={14} aria-hidden /> Sign out everywhere
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
