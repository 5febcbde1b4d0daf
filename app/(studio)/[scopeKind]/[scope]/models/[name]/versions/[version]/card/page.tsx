import { ModelCardPage } from "@/app/(studio)/[scopeKind]/[scope]/models/card-pages";

export const metadata = { title: "Model card" };

export default ModelCardPage;
