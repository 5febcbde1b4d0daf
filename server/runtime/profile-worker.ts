import "server-only";
import { recordEvent } from "@/server/events/record-event";
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import {
  MAX_PROFILED_FILES,
  ProfileError,
  profileCsv,
  profileFormatOf,
  profileJsonLines,
  type DataProfile,
} from "@/lib/data-profile";
import { artifactStore } from "@/server/artifacts/store";

// Profiles data asset versions in the background. Work is claimed from the database with a lease
// (`profileLeaseOwner`, `profileLeaseExpiresAt`): a version is taken when it is pending, or when it is
// running under a lease that expired (its worker crashed or was stopped), so nothing stays stuck and
// several studio processes can share the work. The lease is renewed while a long file is read; a worker
// that lost its lease drops its result.

export const LEASE_MS = 60_000;
const POLL_MS = 2_000;
const BATCH = 4;
const MAX_ERROR_CHARS = 2000;

const workerId = `profile-${process.pid}-${randomUUID().slice(0, 8)}`;

function claimable(now: Date) {
  return { OR: [{ profileStatus: "pending" }, { profileStatus: "running", profileLeaseExpiresAt: { lt: now } }] };
}

async function claimOne(id: string, owner: string): Promise<boolean> {
  const now = new Date();
  const claimed = await db.assetVersion.updateMany({
    where: { id, ...claimable(now) },
    data: {
      profileStatus: "running",
      profileLeaseOwner: owner,
      profileLeaseExpiresAt: new Date(now.getTime() + LEASE_MS),
    },
  });
  return claimed.count === 1;
}

async function profileVersion(id: string, owner: string): Promise<void> {
  const files = await db.assetFile.findMany({ where: { versionId: id }, orderBy: { path: "asc" } });
  const profilable = files.filter((f) => profileFormatOf(f.path) !== null);
  const chosen = profilable.slice(0, MAX_PROFILED_FILES);
  const result: DataProfile = { files: [], skippedFiles: profilable.length - chosen.length };
  const renew = setInterval(() => {
    void db.assetVersion
      .updateMany({
        where: { id, profileLeaseOwner: owner },
        data: { profileLeaseExpiresAt: new Date(Date.now() + LEASE_MS) },
      })
      .catch(() => undefined);
  }, LEASE_MS / 3);
  try {
    for (const file of chosen) {
      const open = () => artifactStore.open(file.sha256);
      try {
        const profile = profileFormatOf(file.path) === "csv" ? await profileCsv(open) : await profileJsonLines(open);
        result.files.push({ path: file.path, profile, error: null });
      } catch (error) {
        if (!(error instanceof ProfileError)) throw error;
        result.files.push({ path: file.path, profile: null, error: error.message.slice(0, MAX_ERROR_CHARS) });
      }
    }
  } finally {
    clearInterval(renew);
  }
  const failures = result.files.filter((f) => f.error !== null);
  // A version fails when none of its files could be read; otherwise each file's error shows beside it.
  const isFailed = failures.length > 0 && failures.length === result.files.length;
  await db.$transaction(async (tx) => {
    const updated = await tx.assetVersion.updateMany({
      where: { id, profileLeaseOwner: owner },
      data: {
        profileStatus: isFailed ? "failed" : "ready",
        profile: isFailed ? null : JSON.stringify(result),
        profileError: isFailed
          ? failures
              .map((f) => `${f.path}: ${f.error}`)
              .join("\n")
              .slice(0, MAX_ERROR_CHARS)
          : null,
        profileLeaseOwner: null,
        profileLeaseExpiresAt: null,
      },
    });
    if (updated.count === 0) return; // another worker took over after our lease ran out
    const version = await tx.assetVersion.findUniqueOrThrow({
      where: { id },
      select: { name: true, version: true, scopeId: true },
    });
    await recordEvent(tx, {
      actor: null,
      anonymousLabel: "data profiler",
      action: "data.version.profiled",
      subject: { type: "data_version", id, label: `${version.name}:${version.version}` },
      scopeId: version.scopeId,
      data: {
        name: version.name,
        version: version.version,
        profileStatus: isFailed ? "failed" : "ready",
        files: result.files.map((f) => ({ path: f.path, error: f.error })),
      },
    });
  });
}

/**
 * Claims and profiles the versions waiting now (pending, or running under an expired lease), one at a
 * time; returns how many it finished. Tests call it directly; the worker calls it on a timer.
 */
export async function profilePendingOnce(owner = workerId): Promise<number> {
  let done = 0;
  for (;;) {
    const candidates = await db.assetVersion.findMany({
      where: claimable(new Date()),
      select: { id: true },
      orderBy: { createdAt: "asc" },
      take: BATCH,
    });
    if (candidates.length === 0) return done;
    let claimedAny = false;
    for (const { id } of candidates) {
      if (!(await claimOne(id, owner))) continue; // another worker took it first
      claimedAny = true;
      try {
        await profileVersion(id, owner);
      } catch (error) {
        // Not a malformed file (those are recorded per file) but an unexpected failure, e.g. missing bytes.
        await db.assetVersion.updateMany({
          where: { id, profileLeaseOwner: owner },
          data: {
            profileStatus: "failed",
            profileError: `Profiling failed: ${(error as Error).message}`.slice(0, MAX_ERROR_CHARS),
            profileLeaseOwner: null,
            profileLeaseExpiresAt: null,
          },
        });
      }
      done++;
    }
    if (!claimedAny) return done;
  }
}

/** Starts the background loop; `stop()` waits for the version in hand to finish. */
export function startProfileWorker(): { stop(): Promise<void> } {
  let isStopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (isStopped) return;
    running = profilePendingOnce()
      .catch((error) => console.error("Profile worker:", error))
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, POLL_MS);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
