import { notFound } from "next/navigation";
import { loadScopePage } from "@/server/http/pages";
import { findSection } from "@/lib/sections";
import { EmptyState, PageHeader } from "@/components/ui/misc";

// Sections that are planned but not built yet say so plainly instead of showing made-up content.
export default async function SectionPage({
  params,
}: {
  params: Promise<{ scopeKind: string; scope: string; section: string }>;
}) {
  const p = await params;
  const { scope } = await loadScopePage(p);
  const section = findSection(p.section, scope.kind);
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
