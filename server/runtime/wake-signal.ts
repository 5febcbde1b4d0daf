import "server-only";
import { EventEmitter } from "node:events";

// Lets domain code wake a background worker (the job runner, the event dispatcher) at once instead of at
// its next poll. The emitters live on globalThis: Next bundles instrumentation (where the workers start)
// and the route handlers (where work is queued) apart, each with its own copy of every module, and a
// module-level emitter would never reach the worker. Under npm start the workers live in two processes
// (the web app runs jobs, the dispatcher process events): a wake-up is also sent to the supervisor, which
// passes it to the other processes (STUDIO_WAKE_RELAY).

type WakeMessage = { type: "wake"; signal: string };
const globalForSignals = globalThis as unknown as {
  studioWakeSignals?: Map<string, EventEmitter>;
  studioWakeRelay?: boolean;
};
const signals = (globalForSignals.studioWakeSignals ??= new Map());
const isRelayed = process.env.STUDIO_WAKE_RELAY === "1" && typeof process.send === "function";
if (isRelayed && !globalForSignals.studioWakeRelay) {
  globalForSignals.studioWakeRelay = true;
  process.on("message", (message: WakeMessage) => {
    if (message?.type === "wake" && typeof message.signal === "string") signals.get(message.signal)?.emit("wake");
  });
}

export function wakeSignal(name: string) {
  let emitter = signals.get(name);
  if (!emitter) {
    emitter = new EventEmitter().setMaxListeners(0);
    signals.set(name, emitter);
  }
  const signal = emitter;
  return {
    notify: (): void => {
      signal.emit("wake");
      if (isRelayed) process.send!({ type: "wake", signal: name } satisfies WakeMessage);
    },
    subscribe: (listener: () => void): (() => void) => {
      signal.on("wake", listener);
      return () => signal.off("wake", listener);
    },
  };
}
