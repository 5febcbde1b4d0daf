import type { Metadata } from "next";
import { requirePageActor } from "@/server/auth/session";
import { listAccessTokens } from "@/server/tokens/tokens";
import { PageHeader } from "@/components/ui/misc";
import { TokenManager } from "@/components/tokens/token-manager";
import { createTokenAction, revokeTokenAction } from "@/app/(studio)/settings/tokens/actions";

export const metadata: Metadata = { title: "Access tokens" };

export default async function TokensPage() {
  const actor = await requirePageActor();
  const tokens = await listAccessTokens(actor);
  return (
    <>
      <PageHeader
        title="Access tokens"
        subtitle="Personal access tokens let scripts and CI call the REST API as you. Each is shown once and stored only as a hash."
      />
      <TokenManager tokens={tokens} actions={{ create: createTokenAction, revoke: revokeTokenAction }} />
    </>
  );
}
