import "server-only";
import { wakeSignal } from "@/server/runtime/wake-signal";

// Wakes the in-process runner at once (a job was queued, a cancel was asked) instead of at its next poll.
// Other instances notice the same change on their own poll.
const signal = wakeSignal("runner");

export const notifyRunner = signal.notify;
export const onRunnerWake = signal.subscribe;
