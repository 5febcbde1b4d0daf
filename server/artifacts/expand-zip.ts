import "server-only";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { AppError, invalid } from "@/lib/errors";
import { checkRelativeFilePath, MAX_FILES_PER_VERSION } from "@/lib/file-paths";
import { artifactStore, blobPath, processTempDir, type UploadedFile } from "@/server/artifacts/store";
import type { BlobHolds } from "@/server/artifacts/blob-holds";
import { env } from "@/server/env";

// The worker is a plain file started by path (the studio runs from the project's folder).
const WORKER = join(process.cwd(), "server/artifacts/zip-worker.mjs");
/** A zip that takes longer than this to unpack (within the caps) is refused. */
const EXPAND_TIMEOUT_MS = 60_000;

const isClutter = (path: string) => path.startsWith("__MACOSX/") || path.split("/").pop() === ".DS_Store";

type WorkerAnswer =
  | { ok: true; entries: { name: string; file: string; size: number }[] }
  | { ok: false; code: "invalid" | "too_large" | "name"; message: string };

/** Unpacks in a worker thread with a small heap and a deadline: a bomb costs the studio nothing. */
function expandInWorker(zipPath: string, outDir: string, maxTotalBytes: number): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { zipPath, outDir, maxTotalBytes, maxEntries: MAX_FILES_PER_VERSION },
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    let isDone = false;
    const finish = (answer: WorkerAnswer | Error) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      void worker.terminate();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    const timer = setTimeout(
      () =>
        finish({ ok: false, code: "invalid", message: `it took longer than ${EXPAND_TIMEOUT_MS / 1000} s to unpack` }),
      EXPAND_TIMEOUT_MS,
    );
    worker.once("message", (answer: WorkerAnswer) => finish(answer));
    worker.once("error", (error) => finish(error));
    worker.once("exit", (code) => finish(new Error(`the zip worker exited with code ${code}`)));
  });
}

/**
 * An upload that is one `.zip` file becomes the files inside it, each stored in the artifact store under
 * its path in the archive; any other upload is answered as it is. The archive and its unpacked total are
 * capped (STUDIO_PIPELINE_ZIP_MAX_BYTES); it is unpacked off the event loop, each entry checked against
 * its declared size and CRC-32, and every entry name is checked as an uploaded file name is (no `..`, no
 * absolute paths). The zip itself is dropped from the store once unpacked.
 */
export async function expandZipUpload(
  files: UploadedFile[],
  holds?: BlobHolds,
  maxBytes = env.STUDIO_PIPELINE_ZIP_MAX_BYTES,
): Promise<UploadedFile[]> {
  if (files.length !== 1 || !/\.zip$/i.test(files[0].path)) return files;
  const zip = files[0];
  const limit = `${Math.round(maxBytes / 1024 / 1024)} MiB`;
  if (zip.size > maxBytes)
    throw new AppError("too_large", `${zip.path} is larger than ${limit}; upload the folder instead.`, {
      limitBytes: maxBytes,
    });
  const work = await mkdtemp(join(await processTempDir(), "zip-"));
  try {
    const answer = await expandInWorker(blobPath(zip.sha256), work, maxBytes);
    if (!answer.ok) {
      if (answer.code === "too_large")
        throw new AppError("too_large", `${zip.path} is too large: ${answer.message}. Upload the folder instead.`, {
          limitBytes: maxBytes,
        });
      if (answer.code === "name") throw invalid(`${zip.path}: an entry's name is not allowed (${answer.message}).`);
      throw invalid(`${zip.path} was refused: ${answer.message}.`);
    }
    const unpacked: UploadedFile[] = [];
    for (const entry of answer.entries) {
      if (isClutter(entry.name)) continue;
      const checked = checkRelativeFilePath(entry.name);
      if (!checked.ok) throw invalid(`${zip.path}: ${checked.message}`);
      const stored = await artifactStore.put(createReadStream(entry.file), { holds });
      unpacked.push({ path: checked.path, sha256: stored.sha256, size: stored.size });
    }
    if (!unpacked.length) throw invalid(`${zip.path} holds no files.`);
    await holds?.drop(zip.sha256);
    return unpacked;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
