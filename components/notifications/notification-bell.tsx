"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { apiGet } from "@/components/ui/api-request";
import { queryKeys } from "@/lib/query-keys";
import { api, pages } from "@/lib/routes";

const POLL_MS = 10_000;

/** The bell in the top bar: how many notifications are unread, a link to them all. */
export function NotificationBell() {
  const { data } = useQuery({
    queryKey: queryKeys.notifications.unread(),
    queryFn: () => apiGet<{ unreadCount: number }>(api.notifications({ unread: true, limit: 1 })),
    refetchInterval: POLL_MS,
  });
  const count = data?.unreadCount ?? 0;
  return (
    <Link
      href={pages.notifications()}
      aria-label={count ? `Notifications, ${count} unread` : "Notifications"}
      className="relative flex size-9 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-text"
    >
      <Bell size={18} aria-hidden />
      {count ? (
        <span
          data-testid="unread-count"
          className="absolute right-0.5 top-0.5 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] font-semibold leading-4 text-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
