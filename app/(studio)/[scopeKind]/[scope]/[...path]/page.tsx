import { notFound } from "next/navigation";
import { loadScopePage } from "@/server/http/pages";
import { findSection } from "@/lib/sections";
import { EmptyState, PageHeader } from "@/components/ui/misc";

// Any address under a scope that no page matches. A section that is planned but not built yet says so
// plainly instead of showing made-up content; anything else (an unknown section, or a path deeper than any
// page, such as /workspaces/dev/models/a/b/c) is the studio's own not-found page, in the scope's shell.
export default async function ScopeFallbackPage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; path: string[] }>;
}) {
  const p = await params;
  const { scope } = await loadScopePage(p);
  const section = p.path.length === 1 ? findSection(p.path[0], scope.kind) : undefined;
  if (!section || section.isBuilt) notFound();
  return (
    <>
      <PageHeader
        title={section.label}
        subtitle={`${scope.kind === "workspace" ? "Workspace" : "Registry"} ${scope.name}`}
      />
      <EmptyState title={`${section.label} are not built yet`}>
        <p>{section.summary}</p>
        <p className="mt-1">This section of the studio is planned and will appear here when it is ready.</p>
      </EmptyState>
    </>
  );
}
