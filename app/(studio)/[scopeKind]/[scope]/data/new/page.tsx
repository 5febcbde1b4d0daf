import Link from "next/link";
import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { env } from "@/server/env";
import { loadScopePage } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { DataForm } from "@/components/assets/data-form";

export const metadata: Metadata = { title: "New data asset" };

export default async function NewDataPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ name?: string }>;
}) {
  const { scope, ref } = await loadScopePage(await params);
  const { name } = await searchParams;
  const base = pages.assets(ref, "data");
  return (
    <>
      <PageHeader
        title={name ? `New version of ${name}` : "New data asset"}
        breadcrumbs={
          <Link href={base} className="hover:underline">
            Data
          </Link>
        }
        subtitle={`In ${scope.kind} ${scope.displayName}`}
      />
      {roleAllows(scope.role, "write") ? (
        <DataForm
          scope={ref}
          initialName={name}
          maxBytes={env.STUDIO_MAX_UPLOAD_BYTES}
          dataRoots={env.STUDIO_DATA_ROOTS}
        />
      ) : (
        <Alert tone="warning">
          Your role in this {scope.kind} is {scope.role}; creating data assets needs contributor or owner.
        </Alert>
      )}
    </>
  );
}
