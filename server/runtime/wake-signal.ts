import "server-only";
import { EventEmitter } from "node:events";

// Lets domain code wake an in-process background worker (the job runner, the event dispatcher) at once
// instead of at its next poll. The emitters live on globalThis: Next bundles instrumentation (where the
// workers start) and the route handlers (where work is queued) apart, each with its own copy of every
// module, and a module-level emitter would never reach the worker.

const globalForSignals = globalThis as unknown as { studioWakeSignals?: Map<string, EventEmitter> };
const signals = (globalForSignals.studioWakeSignals ??= new Map());

export function wakeSignal(name: string) {
  let emitter = signals.get(name);
  if (!emitter) {
    emitter = new EventEmitter().setMaxListeners(0);
    signals.set(name, emitter);
  }
  const signal = emitter;
  return {
    notify: (): void => void signal.emit("wake"),
    subscribe: (listener: () => void): (() => void) => {
      signal.on("wake", listener);
      return () => signal.off("wake", listener);
    },
  };
}
