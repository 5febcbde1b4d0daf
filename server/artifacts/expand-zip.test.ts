import { readdirSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import { expandZipUpload } from "@/server/artifacts/expand-zip";
import { artifactStore, processTempDir } from "@/server/artifacts/store";
import { failureOf } from "@/tests/support/failures";
import { forgeZip } from "@/tests/support/zip-forge";

const MiB = 1024 * 1024;

async function uploaded(bytes: Buffer | Uint8Array, holds = new BlobHolds()) {
  const blob = await artifactStore.putBuffer(Buffer.from(bytes), { holds });
  return { files: [{ path: "pipeline.zip", ...blob }], holds };
}

/** Files left in this process's temporary folder of the store (zip work folders are made in it). */
async function leftoverTempFiles(): Promise<string[]> {
  return readdirSync(await processTempDir(), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe("zip uploads", () => {
  it("unpacks an honest archive into stored files and drops the zip itself", async () => {
    const zip = zipSync({
      "p/pipeline.yml": Buffer.from("type: pipeline\n"),
      "p/src/a.py": Buffer.from("print(1)\n"),
      "__MACOSX/p/._x": Buffer.from("junk"),
    });
    const { files, holds } = await uploaded(zip);
    const expanded = await expandZipUpload(files, holds, 4 * MiB);
    expect(expanded.map((f) => f.path).sort()).toEqual(["p/pipeline.yml", "p/src/a.py"]);
    expect(await artifactStore.has(expanded[0].sha256)).toBe(true);
    expect(await artifactStore.has(files[0].sha256)).toBe(false);
    await holds.release();
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it("refuses an archive whose entries declare more than the cap, before unpacking anything", async () => {
    // The probe's bomb: under a megabyte that declares 960 MiB.
    const zip = forgeZip([{ name: "p/zeros.bin", data: Buffer.alloc(64 * 1024), declaredSize: 960 * MiB }]);
    const { files, holds } = await uploaded(zip);
    const started = performance.now();
    const failure = await failureOf(expandZipUpload(files, holds, 4 * MiB));
    expect(failure).toMatchObject({ code: "too_large" });
    expect(failure.message).toMatch(/declare 1006632960 bytes or more once unpacked/);
    expect(performance.now() - started).toBeLessThan(2000);
    await holds.discard();
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it("stops an entry that unpacks past the size it declares", async () => {
    const zip = forgeZip([{ name: "p/liar.bin", data: Buffer.alloc(8 * MiB), declaredSize: 1000 }]);
    const { files, holds } = await uploaded(zip);
    const failure = await failureOf(expandZipUpload(files, holds, 4 * MiB));
    expect(failure).toMatchObject({ code: "invalid" });
    expect(failure.message).toMatch(/"p\/liar\.bin" unpacks to more than the 1000 bytes it declares/);
    await holds.discard();
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it("refuses an entry that is shorter than declared, or fails its CRC-32", async () => {
    const short = forgeZip([{ name: "p/short.txt", data: Buffer.from("twelve bytes"), declaredSize: 20 }]);
    const shortFailure = await failureOf(expandZipUpload((await uploaded(short)).files, undefined, 4 * MiB));
    expect(shortFailure.message).toMatch(/"p\/short\.txt" unpacks to 12 bytes, not the 20 it declares/);
    const corrupt = forgeZip([{ name: "p/bad.txt", data: Buffer.from("some content"), declaredCrc: 12345 }]);
    const crcFailure = await failureOf(expandZipUpload((await uploaded(corrupt)).files, undefined, 4 * MiB));
    expect(crcFailure).toMatchObject({ code: "invalid" });
    expect(crcFailure.message).toMatch(/"p\/bad\.txt" fails its CRC-32 check/);
  });

  it("refuses names that escape the folder, and files that are not zips", async () => {
    const escaping = zipSync({ "../outside.py": Buffer.from("x") });
    expect((await failureOf(expandZipUpload((await uploaded(escaping)).files, undefined, 4 * MiB))).message).toMatch(
      /pipeline\.zip: .*\.\./,
    );
    const notZip = await failureOf(
      expandZipUpload((await uploaded(Buffer.from("not a zip at all"))).files, undefined, 4 * MiB),
    );
    expect(notZip.message).toMatch(/not a readable zip archive/);
  });

  it("unpacks off the event loop: 48 MiB of content leave it responsive", async () => {
    const zip = zipSync(
      { "p/big.bin": new Uint8Array(48 * MiB).fill(7), "p/pipeline.yml": Buffer.from("type: pipeline\n") },
      { level: 1 },
    );
    const { files, holds } = await uploaded(zip);
    // The stalls this machine makes anyway right now (the other suite, PostgreSQL, the collector), as a baseline.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 400));
    idle.disable();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const expanded = await expandZipUpload(files, holds, 64 * MiB);
    delay.disable();
    await holds.release();
    expect(expanded.find((f) => f.path === "p/big.bin")?.size).toBe(48 * MiB);
    // The largest stall while it ran (in ms), beyond the machine's own; unpacking on the event loop (fflate
    // unzipSync, as before) stalls it ~500 ms here.
    expect(delay.max / 1e6 - idle.max / 1e6).toBeLessThan(150);
  });
});
