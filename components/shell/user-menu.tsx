"use client";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useDarkTheme } from "@/components/ui/use-dark-theme";
import { apiRequest } from "@/components/ui/api-request";
import { api, pages } from "@/lib/routes";
import { MenuContent, MenuItem, MenuRoot, MenuSeparator, MenuTrigger } from "@/components/ui/menu";
import { ChevronDown, KeyRound, LogOut, Moon, Sun, History, MonitorX } from "lucide-react";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const isDark = useDarkTheme();
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
  return (
    <MenuRoot>
      <MenuTrigger asChild>
        <button
          type="button"
          aria-label={`Account menu for ${name}`}
          className="flex h-8 items-center gap-2 rounded-md px-2 text-sm hover:bg-surface-2 data-[state=open]:bg-surface-2"
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
      </MenuTrigger>
      <MenuContent align="end" className="w-60">
        <div className="px-2 py-2">
          <p className="truncate text-sm font-medium">{name}</p>
          <p className="truncate text-xs text-muted">{email}</p>
        </div>
        <MenuSeparator />
        <MenuItem asChild>
          <Link href={pages.tokens()}>
            <KeyRound size={14} aria-hidden /> Access tokens
          </Link>
        </MenuItem>
        <MenuItem asChild>
          <Link href={pages.activity()}>
            <History size={14} aria-hidden /> Activity
          </Link>
        </MenuItem>
        <MenuItem onSelect={toggleTheme}>
          {isDark ? <Sun size={14} aria-hidden /> : <Moon size={14} aria-hidden />}
          {isDark ? "Light theme" : "Dark theme"}
        </MenuItem>
        <MenuSeparator />
        <MenuItem onSelect={() => void signOut({ callbackUrl: "/sign-in" })}>
          <LogOut size={14} aria-hidden /> Sign out
        </MenuItem>
        <MenuItem onSelect={() => void signOutEverywhere()}>
          <MonitorX size={14} aria-hidden /> Sign out everywhere
        </MenuItem>
      </MenuContent>
    </MenuRoot>
  );
}
