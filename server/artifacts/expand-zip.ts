import "server-only";
import { unzipSync } from "fflate";
import { AppError, invalid } from "@/lib/errors";
import { checkRelativeFilePath, MAX_FILES_PER_VERSION } from "@/lib/file-paths";
import { artifactStore, tooLarge } from "@/server/artifacts/store";
import { readBlob } from "@/server/artifacts/downloads";
import { env } from "@/server/env";
import type { UploadedFile } from "@/server/http/upload";

/** A zip read into memory to be unpacked; bigger archives are refused (upload the folder instead). */
export const MAX_ZIP_BYTES = 64 * 1024 * 1024;

const isClutter = (path: string) => path.startsWith("__MACOSX/") || path.split("/").pop() === ".DS_Store";

/**
 * An upload that is one `.zip` file becomes the files inside it, each stored in the artifact store under
 * its path in the archive; any other upload is answered as it is. Every entry name is checked as an
 * uploaded file name is (no `..`, no absolute paths), and the entries' total size and count are capped
 * before anything is unpacked, so a zip bomb is refused rather than expanded.
 */
export async function expandZipUpload(files: UploadedFile[], maxBytes = env.STUDIO_MAX_UPLOAD_BYTES): Promise<UploadedFile[]> {
  if (files.length !== 1 || !/\.zip$/i.test(files[0].path)) return files;
  const zip = files[0];
  if (zip.size > MAX_ZIP_BYTES) throw new AppError("too_large", `${zip.path} is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB; upload the folder instead.`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readBlob(zip.sha256)) chunks.push(chunk);
  let declared = 0;
  let count = 0;
  let problem: AppError | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(Buffer.concat(chunks), {
      filter: (entry) => {
        if (entry.name.endsWith("/") || isClutter(entry.name)) return false;
        const checked = checkRelativeFilePath(entry.name);
        if (!checked.ok) problem ??= invalid(`${zip.path}: ${checked.message}`);
        declared += entry.originalSize;
        count++;
        if (declared > maxBytes) problem ??= tooLarge(maxBytes);
        if (count > MAX_FILES_PER_VERSION) problem ??= invalid(`${zip.path} holds more than ${MAX_FILES_PER_VERSION} files.`);
        return problem === null;
      },
    });
  } catch (error) {
    throw problem ?? invalid(`${zip.path} is not a readable zip archive (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (problem) throw problem;
  const unpacked: UploadedFile[] = [];
  for (const [path, bytes] of Object.entries(entries)) {
    const stored = await artifactStore.putBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    unpacked.push({ path, sha256: stored.sha256, size: stored.size });
  }
  if (!unpacked.length) throw invalid(`${zip.path} holds no files.`);
  return unpacked;
}
