import "server-only";
import { db } from "@/server/db";
import { executeMonitorRun } from "@/server/monitoring/run-monitor";

// Monitor runs are rows: queued by a person, the API or a schedule, and claimed here (in the event
// dispatcher's process) with a lease that is renewed while the run computes, so a run whose process died
// is taken over by another once its lease expires, and two dispatchers never run the same one.

const LEASE_MS = 5 * 60_000;

const claimable = (now: Date) => ({
  OR: [{ status: "queued" }, { status: "running", leaseExpiresAt: { lt: now } }],
});

/** Claims and runs the oldest due run; answers whether there was one (so the caller looks again). */
export async function runDueMonitorRun(owner: string): Promise<boolean> {
  const now = new Date();
  const next = await db.monitorRun.findFirst({
    where: claimable(now),
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!next) return false;
  const claimed = await db.monitorRun.updateMany({
    where: { id: next.id, ...claimable(now) },
    data: { status: "running", leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS), startedAt: now },
  });
  if (claimed.count !== 1) return true;
  const renew = setInterval(() => {
    void db.monitorRun
      .updateMany({
        where: { id: next.id, status: "running", leaseOwner: owner },
        data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
      })
      .catch(() => undefined);
  }, LEASE_MS / 3);
  try {
    await executeMonitorRun(next.id, owner);
  } finally {
    clearInterval(renew);
  }
  return true;
}
