import Link from "next/link";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { loadScopePage } from "@/server/http/pages";
import { getPolicy } from "@/server/governance/policy";
import { Card, PageHeader } from "@/components/ui/misc";
import { PolicyForm } from "@/components/governance/policy-form";
import { putPolicyAction } from "@/app/(studio)/[scopeKind]/[scope]/promotions/actions";

export const metadata = { title: "Approval policy" };

export default async function PolicyPage({ params }: { params: Promise<{ scopeKind: string; scope: string }> }) {
  const { actor, scope, ref } = await loadScopePage(await params);
  if (!roleAllows(scope.role, "manage")) notFound();
  const policy = await getPolicy(actor, ref);
  return (
    <>
      <PageHeader
        breadcrumbs={
          <Link href={pages.promotions(ref)} className="hover:underline">
            Approvals
          </Link>
        }
        title="Approval policy"
        subtitle={`What changes in ${scope.kind} ${scope.displayName} need, and who decides`}
      />
      <Card>
        <PolicyForm
          kind={scope.kind}
          policy={policy}
          save={putPolicyAction.bind(null, ref)}
          doneHref={pages.promotions(ref)}
        />
      </Card>
    </>
  );
}
