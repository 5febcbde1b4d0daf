import "server-only";
// Model uploads are plain uploads; kept under this name for the routes that already import it.
export { receiveUpload as receiveModelUpload, jsonField, type Upload as ModelUpload } from "@/server/http/upload";
