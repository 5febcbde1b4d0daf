import "server-only";
import type { JobOutcome } from "@/server/runtime/job-process";

// What the rest of the studio does as the job runner moves. The runner knows nothing of pipelines or
// endpoints: their modules hand it hooks here, registered where the runner is started (instrumentation,
// or a test that builds its own runner). Hooks are named, so registering one twice replaces it; registering returns the way to remove it.

/** A job this runner has just ended and recorded, as it now stands in the database. */
export type SettledJob = {
  id: string;
  name: string;
  scopeId: string;
  status: JobOutcome["status"];
  /** The batch endpoint the job scores for, if any. */
  endpointId: string | null;
};

type PassHook = () => Promise<unknown>;
type SettledHook = (job: SettledJob) => Promise<void>;

const passHooks = new Map<string, PassHook>();
const settledHooks = new Map<string, SettledHook>();

/** Runs on every pass of the runner, before it claims queued work (jobs without a process move on here). */
export function onRunnerPass(name: string, hook: PassHook): () => void {
  passHooks.set(name, hook);
  return () => {
    if (passHooks.get(name) === hook) passHooks.delete(name);
  };
}

/** Runs after the runner has recorded the end of one of its jobs. */
export function onJobSettled(name: string, hook: SettledHook): () => void {
  settledHooks.set(name, hook);
  return () => {
    if (settledHooks.get(name) === hook) settledHooks.delete(name);
  };
}

export async function runPassHooks(): Promise<void> {
  for (const hook of passHooks.values()) await hook();
}

/** Every hook runs even if an earlier one throws; the errors are thrown together afterwards. */
export async function runSettledHooks(job: SettledJob): Promise<void> {
  const failures: unknown[] = [];
  for (const hook of settledHooks.values()) {
    try {
      await hook(job);
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} job-settled hooks failed`);
}
