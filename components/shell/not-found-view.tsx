"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { SearchX } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { findSection } from "@/lib/sections";
import { pages } from "@/lib/routes";
import { StageBadge, currentScopeFromPath, memberScope, type SwitcherScope } from "@/components/shell/scope-switcher";

/**
 * The studio's "not found, or you have no access" page. Inside a workspace or registry the actor
 * belongs to, it links back to that scope (and the section it was in); for a scope that does not exist
 * or that the actor is not a member of (the two look the same, so prod stays invisible), it lists the
 * scopes they do belong to.
 */
export function NotFoundView({ scopes }: { scopes: SwitcherScope[] }) {
  const pathname = usePathname();
  const fromPath = currentScopeFromPath(pathname);
  const scope = fromPath ? memberScope(scopes, fromPath) : null;
  const section = scope && fromPath?.section ? findSection(fromPath.section, scope.kind) : undefined;
  const kindWord = fromPath?.kind === "registry" ? "registry" : "workspace";
  return (
    <section aria-labelledby="not-found-title" className="mx-auto mt-6 max-w-xl">
      <div className="flex items-start gap-3">
        <SearchX aria-hidden size={28} className="mt-0.5 shrink-0 text-muted" />
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-muted">404</p>
          <h1 id="not-found-title" className="text-xl font-semibold">
            Not found, or you have no access
          </h1>
          {scope ? (
            <p className="mt-2 text-sm text-muted">
              There is nothing at this address in {scope.kind} <span className="font-medium">{scope.name}</span>
              {section ? ` (${section.label.toLowerCase()})` : ""}. It may have been deleted or renamed, or the link is
              mistyped.
            </p>
          ) : fromPath ? (
            <p className="mt-2 text-sm text-muted">
              There is no {kindWord} <span className="font-medium">{fromPath.name}</span> that you are a member of. It
              may not exist, or an owner of it has not added you: ask them for access.
            </p>
          ) : (
            <p className="mt-2 text-sm text-muted">There is nothing at this address, or it is not yours to see.</p>
          )}
        </div>
      </div>
      {scope ? (
        <div className="mt-5 flex flex-wrap gap-2">
          <Link href={pages.scope(scope)} className={buttonClass("primary")}>
            Go to {scope.displayName}
          </Link>
          {section ? (
            <Link href={pages.section(scope, section.id)} className={buttonClass("secondary")}>
              All {section.label.toLowerCase()}
            </Link>
          ) : null}
        </div>
      ) : (
        <nav aria-label="Your workspaces and registries" className="mt-5">
          <h2 className="mb-2 text-sm font-semibold">Your workspaces and registries</h2>
          {scopes.length === 0 ? (
            <p className="text-sm text-muted">You are not a member of any workspace or registry yet.</p>
          ) : (
            <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
              {scopes.map((s) => (
                <li key={`${s.kind}/${s.name}`}>
                  <Link
                    href={pages.scope(s)}
                    className="flex items-center justify-between gap-2 px-3 py-2 text-sm hover:bg-surface-2"
                  >
                    <span className="min-w-0 truncate">
                      <span className="font-medium">{s.displayName}</span>{" "}
                      <span className="text-muted">
                        ({s.kind} {s.name})
                      </span>
                    </span>
                    <span className="flex shrink-0 items-center gap-1.5">
                      <span className="text-xs text-muted">{s.role}</span>
                      <StageBadge stage={s.stage} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
      )}
    </section>
  );
}
