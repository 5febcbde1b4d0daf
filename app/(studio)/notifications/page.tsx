import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth/session";
import { getNotificationSettings, listNotifications, listWatches } from "@/server/notifications/notifications";
import { Card, PageHeader } from "@/components/ui/misc";
import { NotificationList } from "@/components/notifications/notification-list";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { WatchList } from "@/components/notifications/watch-list";
import { markReadAction, setWatchAction, updateNotificationSettingsAction } from "@/app/(studio)/notifications/actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requirePageActor();
  const [page, watches, settings] = await Promise.all([
    listNotifications(actor, { limit: 100 }),
    listWatches(actor),
    getNotificationSettings(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle="Changes to what you watch, your failed jobs and deployments in prod."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <NotificationList items={page.items} unreadCount={page.unreadCount} markRead={markReadAction} />
        <div className="flex flex-col gap-6">
          <Card title="Also tell me of">
            <NotificationSettings settings={settings} update={updateNotificationSettingsAction} />
          </Card>
          <Card title="Watching">
            <WatchList items={watches.items} setWatch={setWatchAction} />
          </Card>
        </div>
      </div>
    </>
  );
}
