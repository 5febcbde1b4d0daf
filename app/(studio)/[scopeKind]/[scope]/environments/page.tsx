import type { Metadata } from "next";
import { loadAssetListPage } from "@/server/http/asset-pages";
import { AssetListView } from "@/components/assets/asset-list-view";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ q?: string; cursor?: string; registry?: string }>;
}) {
  return <AssetListView {...await loadAssetListPage(await params, "environment", await searchParams)} />;
}
