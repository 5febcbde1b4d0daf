import { ModelCardEditPage } from "@/app/(studio)/[scopeKind]/[scope]/models/card-pages";

export const metadata = { title: "Edit model card" };

export default ModelCardEditPage;
