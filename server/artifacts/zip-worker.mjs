// Expands a zip archive in a worker thread, so nothing about it (inflating, checking) runs on the
// studio's event loop. Plain JavaScript: started by path with node:worker_threads (see expand-zip.ts).
//
// workerData: { zipPath, outDir, maxTotalBytes, maxEntries }
// Posts { ok: true, entries: [{ name, file, size }] } or { ok: false, code, message } (code: invalid,
// too_large, or name for an entry name that is not allowed).
//
// Before a byte is inflated, the central directory's declared sizes must fit the cap; while inflating,
// each entry must produce exactly the size it declares (one that grows past it is stopped there) and
// its CRC-32 must match. Entries are written to numbered files in outDir, never to paths from the zip.
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parentPort, workerData } from "node:worker_threads";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";

class ZipRefusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const isDirectory = (name) => name.endsWith("/");

async function expand({ zipPath, outDir, maxTotalBytes, maxEntries }) {
  let zip;
  try {
    // validateEntrySizes is ours (below), with the entry's name in the message.
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: false,
      strictFileNames: false,
    });
  } catch (error) {
    throw new ZipRefusal("invalid", `it is not a readable zip archive (${error.message})`);
  }
  try {
    const entries = [];
    let declared = 0;
    const listed = zip.eachEntry();
    for (;;) {
      let next;
      try {
        next = await listed.next();
      } catch (error) {
        // yauzl refuses absolute paths, `..` and backslashes in entry names.
        if (/path|fileName/i.test(error.message)) throw new ZipRefusal("name", error.message);
        throw error;
      }
      if (next.done) break;
      const entry = next.value;
      if (isDirectory(entry.fileName)) continue;
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (entries.length > maxEntries) throw new ZipRefusal("invalid", `it holds more than ${maxEntries} files`);
      if (declared > maxTotalBytes)
        throw new ZipRefusal(
          "too_large",
          `its files declare ${declared} bytes or more once unpacked; the limit is ${maxTotalBytes} bytes`,
        );
    }
    const expanded = [];
    for (const [index, entry] of entries.entries()) {
      if (entry.isEncrypted()) throw new ZipRefusal("invalid", `"${entry.fileName}" is encrypted`);
      const file = join(outDir, String(index));
      let size = 0;
      let crc = 0;
      const check = new Transform({
        transform(chunk, _encoding, callback) {
          size += chunk.length;
          if (size > entry.uncompressedSize)
            return callback(
              new ZipRefusal(
                "invalid",
                `"${entry.fileName}" unpacks to more than the ${entry.uncompressedSize} bytes it declares`,
              ),
            );
          crc = crc32(chunk, crc);
          callback(null, chunk);
        },
      });
      const stream = await zip.openReadStreamPromise(entry);
      await pipeline(stream, check, createWriteStream(file));
      if (size !== entry.uncompressedSize)
        throw new ZipRefusal(
          "invalid",
          `"${entry.fileName}" unpacks to ${size} bytes, not the ${entry.uncompressedSize} it declares`,
        );
      if (crc >>> 0 !== entry.crc32 >>> 0)
        throw new ZipRefusal("invalid", `"${entry.fileName}" fails its CRC-32 check (the archive is corrupt)`);
      expanded.push({ name: entry.fileName, file, size });
    }
    return expanded;
  } finally {
    zip.close();
  }
}

expand(workerData).then(
  (entries) => parentPort.postMessage({ ok: true, entries }),
  (error) =>
    parentPort.postMessage({
      ok: false,
      code: error instanceof ZipRefusal ? error.code : "invalid",
      message: error instanceof ZipRefusal ? error.message : `it could not be read (${error.message})`,
    }),
);
