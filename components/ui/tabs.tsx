import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** Tabs that are links (each tab has its own URL, so it can be shared and reloaded). */
export function TabLinks({
  label,
  tabs,
  current,
}: {
  label: string;
  tabs: { id: string; label: string; href: string }[];
  current: string;
}) {
  return (
    // On a narrow screen the tab row scrolls sideways on its own instead of widening the page.
    <nav aria-label={label} className="overflow-x-auto">
      <div className="flex min-w-max gap-1 border-b border-border">
        {tabs.map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={tab.id === current ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm",
              tab.id === current
                ? "border-accent font-medium text-text"
                : "border-transparent text-muted hover:text-text",
            )}
          >
            {tab.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}
