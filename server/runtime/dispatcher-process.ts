import "server-only";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/server/env";
import { startEventDispatcher } from "@/server/runtime/event-dispatcher";

// The event dispatcher in a process of its own (npm start runs it beside the web app): routing the
// outbox, sending webhooks and e-mails, running rules and firing schedules then never take the event
// loop that answers users' requests. The web app's commits wake it through the supervisor (see
// wake-signal.ts); it polls once a second for the rest.

const dispatcher = startEventDispatcher({ isOwnProcess: true });
if (!dispatcher) {
  console.error("[events] the dispatcher is off (STUDIO_DISPATCHER=off); this process has nothing to do");
  process.exit(0);
}
// Which process sends the deliveries (the crash tests kill it mid-delivery).
writeFileSync(join(env.dataDir, "dispatcher.pid"), String(process.pid));
process.send?.({ type: "ready" });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    dispatcher.stop();
    // Sends under way finish or time out; their leases let another sender take them over after a crash.
    void dispatcher.idle().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
