import "server-only";
import { NextResponse } from "next/server";

// Answers for file downloads, shared by every asset that has files (models, jobs, data).

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** One stored file as a download: its bytes streamed, named by the last segment of its path. */
export function fileResponse(file: {
  path: string;
  size: number;
  sha256: string;
  stream: ReadableStream<Uint8Array>;
}): NextResponse {
  return new NextResponse(file.stream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.path.split("/").at(-1) ?? file.path),
      ETag: `"${file.sha256}"`,
      "X-Content-SHA256": file.sha256,
    },
  });
}

export function zipResponse(zip: { fileName: string; stream: ReadableStream<Uint8Array> }): NextResponse {
  return new NextResponse(zip.stream, {
    headers: { "Content-Type": "application/zip", "Content-Disposition": contentDisposition(zip.fileName) },
  });
}
