import type { Metadata } from "next";
import { loadAssetListPage } from "@/server/http/asset-pages";
import { AssetListView } from "@/components/assets/asset-list-view";

export const metadata: Metadata = { title: "Data" };

export default async function DataPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ q?: string; cursor?: string; registry?: string }>;
}) {
  return <AssetListView {...await loadAssetListPage(await params, "data", await searchParams)} />;
}
