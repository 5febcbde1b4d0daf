import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { BlobHolds } from "@/server/artifacts/blob-holds";
import { collectBlob, collectGarbage, sweepStaleTemp } from "@/server/artifacts/blob-gc";
import { artifactStore, artifactsRoot, blobPath } from "@/server/artifacts/store";
import { registerModelVersion } from "@/server/models/register-model-version";
import { deleteModelVersion } from "@/server/models/delete-model-version";
import { uniqueName, workspaceWithTeam } from "@/tests/support/factories";

const unique = (label: string) => Buffer.from(`${label} ${randomBytes(16).toString("hex")}`);

describe("garbage collection of the artifact store", () => {
  it("deletes blobs that nothing references or holds, and keeps the others", async () => {
    const { workspace, contributor } = await workspaceWithTeam();
    const holds = new BlobHolds();
    const kept = await artifactStore.putBuffer(unique("registered"), { holds });
    await registerModelVersion(contributor, workspace, { name: uniqueName("m") }, [{ path: "model.bin", ...kept }]);
    await holds.release();
    const orphan = await artifactStore.putBuffer(unique("orphan"), { holds: new BlobHolds() });
    const held = await artifactStore.putBuffer(unique("held"), { holds: new BlobHolds() });
    // The orphan's hold ran out (its writer crashed before registering it); the other is still held.
    await db.blobHold.updateMany({
      where: { sha256: orphan.sha256 },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    const { deleted } = await collectGarbage();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(blobPath(orphan.sha256))).toBe(false);
    expect(await db.blob.findUnique({ where: { sha256: orphan.sha256 } })).toBeNull();
    expect(existsSync(blobPath(kept.sha256))).toBe(true);
    expect(existsSync(blobPath(held.sha256))).toBe(true);
  });

  it("collects the files of a deleted version unless another version shares them", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const name = uniqueName("m");
    const holds = new BlobHolds();
    const shared = await artifactStore.putBuffer(unique("shared"), { holds });
    const own = await artifactStore.putBuffer(unique("own"), { holds });
    await registerModelVersion(owner, workspace, { name }, [
      { path: "a.bin", ...shared },
      { path: "b.bin", ...own },
    ]);
    await registerModelVersion(owner, workspace, { name }, [{ path: "a.bin", ...shared }]);
    await holds.release();
    await deleteModelVersion(owner, workspace, name, 1, "superseded");
    await collectGarbage();
    expect(existsSync(blobPath(own.sha256))).toBe(false);
    expect(existsSync(blobPath(shared.sha256))).toBe(true);
  });

  it("never deletes a blob that is being registered while it collects (a race, many rounds)", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const name = uniqueName("raced");
    const content = unique("raced content");
    for (let round = 1; round <= 25; round++) {
      // The previous round's version is deleted: the blob is garbage again as this round writes it anew.
      if (round > 1) await deleteModelVersion(owner, workspace, name, round - 1, "next round");
      let isRegistered = false;
      const register = (async () => {
        const holds = new BlobHolds();
        const blob = await artifactStore.putBuffer(content, { holds });
        await registerModelVersion(owner, workspace, { name }, [{ path: "model.bin", ...blob }]);
        await holds.release();
        isRegistered = true;
        return blob.sha256;
      })();
      // Collectors keep trying for as long as the registration is under way.
      const collector = async () => {
        while (!isRegistered) {
          await collectBlob(blobShaOf(content));
          await new Promise((r) => setImmediate(r));
        }
      };
      const [sha256] = await Promise.all([register, collector(), collector(), collectGarbage()]);
      // Whatever order things ran in, the registered version's bytes are there.
      expect(existsSync(blobPath(sha256)), `round ${round}`).toBe(true);
      expect(await collectBlob(sha256)).toBe(false);
    }
  });

  it("removes a refused upload's blobs at once, but not content that someone else references", async () => {
    const { workspace, owner } = await workspaceWithTeam();
    const alreadyThere = unique("already registered");
    const first = new BlobHolds();
    const existing = await artifactStore.putBuffer(alreadyThere, { holds: first });
    await registerModelVersion(owner, workspace, { name: uniqueName("m") }, [{ path: "x.bin", ...existing }]);
    await first.release();

    const refused = new BlobHolds();
    const fresh = await artifactStore.putBuffer(unique("refused"), { holds: refused });
    const again = await artifactStore.putBuffer(alreadyThere, { holds: refused });
    await refused.discard();
    expect(existsSync(blobPath(fresh.sha256))).toBe(false);
    expect(existsSync(blobPath(again.sha256))).toBe(true);
    expect(await db.blobHold.count({ where: { sha256: { in: [fresh.sha256, again.sha256] } } })).toBe(0);
  });

  it("sweeps temporary folders of writers that are gone, and keeps live ones", async () => {
    const tmp = join(artifactsRoot(), "tmp");
    const dead = join(tmp, `${hostname()}-999999-0badf00d`);
    const live = join(tmp, `${hostname()}-${process.pid}-1234abcd`);
    const otherHostOld = join(tmp, "elsewhere-42-deadbeef");
    const otherHostNew = join(tmp, "elsewhere-43-cafebabe");
    for (const dir of [dead, live, otherHostOld, otherHostNew]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "partial"), "half an upload");
    }
    const dayAndAHalfAgo = (Date.now() - 36 * 3_600_000) / 1000;
    utimesSync(otherHostOld, dayAndAHalfAgo, dayAndAHalfAgo);
    const removed = await sweepStaleTemp();
    expect(removed).toEqual(expect.arrayContaining([`${hostname()}-999999-0badf00d`, "elsewhere-42-deadbeef"]));
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(otherHostOld)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(otherHostNew)).toBe(true);
    for (const dir of [live, otherHostNew]) rmSync(dir, { recursive: true, force: true });
  });
});

function blobShaOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
