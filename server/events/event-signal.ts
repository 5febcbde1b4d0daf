import "server-only";
import { wakeSignal } from "@/server/runtime/wake-signal";

// Wakes the in-process event dispatcher once a public event has been committed, so that deliveries start
// at once instead of at its next poll. Other processes (the scoring service, other instances) notice the
// outbox on their own poll.
const signal = wakeSignal("events");

export const notifyEventsRecorded = signal.notify;
export const onEventsRecorded = signal.subscribe;
