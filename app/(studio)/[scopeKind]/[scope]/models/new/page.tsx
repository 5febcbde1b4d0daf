import Link from "next/link";
import type { Metadata } from "next";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { env } from "@/server/env";
import { loadScopePage } from "@/server/http/pages";
import { Alert, PageHeader } from "@/components/ui/misc";
import { RegisterModelForm } from "@/components/models/register-model-form";

export const metadata: Metadata = { title: "Register model" };

export default async function NewModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ name?: string }>;
}) {
  const { scope, ref } = await loadScopePage(await params);
  const { name } = await searchParams;
  const pageBase = pages.assets(ref, "models");
  return (
    <>
      <PageHeader
        title="Register model"
        breadcrumbs={
          <Link href={pageBase} className="hover:underline">
            Models
          </Link>
        }
        subtitle={`Into ${scope.kind} ${scope.displayName}`}
      />
      {roleAllows(scope.role, "write") ? (
        <RegisterModelForm scope={ref} initialName={name} maxBytes={env.STUDIO_MAX_UPLOAD_BYTES} />
      ) : (
        <Alert tone="warning">
          Your role in this {scope.kind} is {scope.role}; registering models needs contributor or owner.
        </Alert>
      )}
    </>
  );
}
