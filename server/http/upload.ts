import "server-only";
import busboy from "busboy";
import { PassThrough, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { checkRelativeFilePath, MAX_FILES_PER_VERSION } from "@/lib/file-paths";
import { artifactStore, tooLarge, type ByteBudget, type UploadedFile } from "@/server/artifacts/store";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import { env } from "@/server/env";

export type Upload = { fields: Record<string, string>; files: UploadedFile[]; holds: BlobHolds };

const MAX_FIELD_BYTES = 256 * 1024;
/** Room for multipart boundaries and the metadata fields on top of the file bytes. */
const ENVELOPE_BYTES = 2 * 1024 * 1024;

/**
 * The one door for multipart uploads. `authorize` runs before a byte of the body is read (a reader or a
 * non-member learns "no" without sending a gigabyte, and stores nothing); then the files stream into the
 * artifact store under holds, `use` registers them, and the holds are released. When anything fails
 * (the body, validation, the domain refusing), the blobs the request wrote are deleted before the answer
 * goes out, unless something else references them.
 */
export async function withUpload<T>(
  req: NextRequest,
  authorize: () => Promise<unknown>,
  use: (upload: Upload) => Promise<T>,
  options: { maxBytes?: number } = {},
): Promise<T> {
  await authorize();
  const holds = new BlobHolds();
  try {
    const upload = await receiveUpload(req, holds, options.maxBytes ?? env.STUDIO_MAX_UPLOAD_BYTES);
    const result = await use(upload);
    await holds.release();
    return result;
  } catch (error) {
    await holds
      .discard()
      .catch((cleanup) => console.error("[upload] could not remove a refused upload's files", cleanup));
    throw error;
  }
}

/**
 * Streams a multipart upload (field `files`, repeated; each part's file name may hold a relative folder
 * path) into the artifact store while hashing, without holding files in memory. File names are checked
 * as they arrive and the total is capped: the first problem stops the upload with a clear error. A body
 * that ends early or is aborted fails every file in flight at once, so the request is answered (or
 * closed) and no temporary file or descriptor stays behind.
 */
async function receiveUpload(req: NextRequest, holds: BlobHolds, maxBytes: number): Promise<Upload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the files as multipart/form-data (field 'files', repeated).");
  }
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) throw tooLarge(maxBytes);
  if (!req.body) throw new AppError("bad_request", "The request has no body.");

  const budget: ByteBudget = { remaining: maxBytes, limit: maxBytes };
  const fields: Record<string, string> = {};
  const pending: Promise<UploadedFile>[] = [];
  const sinks = new Set<PassThrough>();
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  /** Ends every file still being written: their stores see the error, remove their temporary files and settle. */
  const abortFiles = (error: Error) => {
    for (const sink of sinks) sink.destroy(error);
    sinks.clear();
  };

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      preservePath: true,
      // Browsers and fetch send file names as raw UTF-8; busboy's default (latin1) would garble them.
      defParamCharset: "utf8",
      limits: {
        files: MAX_FILES_PER_VERSION,
        fields: 20,
        fieldSize: MAX_FIELD_BYTES,
        parts: MAX_FILES_PER_VERSION + 20,
      },
    });
  } catch {
    throw new AppError("bad_request", "The multipart body has no boundary.");
  }

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated)
      fail(new AppError("too_large", `Field "${name}" is larger than ${MAX_FIELD_BYTES} bytes.`));
    else fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (failure) return stream.resume();
    if (name !== "files") {
      fail(new AppError("invalid", `Unexpected file field "${name}"; send files in the field 'files'.`));
      return stream.resume();
    }
    const check = checkRelativeFilePath(info.filename ?? "");
    if (!check.ok) {
      fail(new AppError("invalid", check.message, { field: "files" }));
      return stream.resume();
    }
    // The store destroys the stream it reads when it fails (over the byte budget, disk error), and a
    // destroyed busboy file stream stalls the parser: the request would never be answered. So the store
    // reads a pass-through; on failure the rest of this file is drained so the answer can be sent, and a
    // file stream that errors (the body ended in the middle of it) ends the pass-through with its error.
    const sink = new PassThrough();
    // The store attaches its own listeners only once its temporary file is ready; an error before that
    // (the body ended at once) must not go unheard and crash the process. The store still sees it.
    sink.on("error", () => undefined);
    sinks.add(sink);
    stream.on("error", (error) => sink.destroy(error));
    stream.pipe(sink);
    const stored = artifactStore.put(sink, { budget, holds }).then((blob) => ({ path: check.path, ...blob }));
    stored.then(
      () => sinks.delete(sink),
      (error) => {
        sinks.delete(sink);
        fail(error);
        stream.unpipe(sink);
        stream.resume();
      },
    );
    pending.push(stored);
  });
  parser.on("filesLimit", () => fail(new AppError("invalid", `At most ${MAX_FILES_PER_VERSION} files per version.`)));
  parser.on("fieldsLimit", () => fail(new AppError("invalid", "Too many form fields.")));
  parser.on("partsLimit", () => fail(new AppError("invalid", "Too many parts in the upload.")));

  const body = Readable.fromWeb(req.body as NodeReadableStream);
  const finished = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error) => {
      const problem = new AppError(
        "bad_request",
        `The multipart body is malformed or incomplete: ${(error as Error).message}`,
      );
      fail(problem);
      abortFiles(problem);
      body.destroy();
      resolve();
    });
    const interrupted = (reason: string) => {
      const problem = new AppError("bad_request", `The upload was interrupted: ${reason}`);
      fail(problem);
      abortFiles(problem);
      parser.destroy();
      resolve();
    };
    body.on("error", (error) => interrupted(error.message));
    req.signal?.addEventListener("abort", () => interrupted("the client went away"), { once: true });
  });
  body.pipe(parser);
  await finished;
  const settled = await Promise.allSettled(pending);
  if (failure) throw failure;
  const files: UploadedFile[] = [];
  for (const result of settled) {
    if (result.status === "rejected") throw result.reason;
    files.push(result.value);
  }
  return { fields, files, holds };
}

/** Parses a JSON-valued form field such as `tags` or `properties`; absent means undefined. */
export function jsonField(fields: Record<string, string>, name: string): unknown {
  const raw = fields[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("invalid", `Field "${name}" must be a JSON object.`, { field: name });
  }
}
