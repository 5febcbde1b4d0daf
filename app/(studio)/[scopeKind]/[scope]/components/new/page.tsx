import Link from "next/link";
import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { env } from "@/server/env";
import { loadScopePage } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { ComponentForm } from "@/components/assets/component-form";

export const metadata: Metadata = { title: "Register a component" };

export default async function NewComponentPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { scope, ref } = await loadScopePage(await params);
  const base = pages.assets(ref, "components");
  return (
    <>
      <PageHeader
        title="Register a component"
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Components
          </Link>
        }
        subtitle={`In ${scope.kind} ${scope.displayName}`}
      />
      {roleAllows(scope.role, "write") ? (
        <ComponentForm scope={ref} maxBytes={env.STUDIO_MAX_UPLOAD_BYTES} />
      ) : (
        <Alert tone="warning">
          Your role in this {scope.kind} is {scope.role}; registering components needs contributor or owner.
        </Alert>
      )}
    </>
  );
}
