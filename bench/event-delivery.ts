// bench/event-delivery: 5,000 model registrations fanned out to 3 webhooks on a loopback receiver, on a
// started studio (SQLite). Figures: delivery latency from the registration's answer (its commit is
// before it) to receipt, p50 and p99 (goal p99 ≤ 1 s); deliveries per second; and the cost on the write
// path: registration p50 with 3 webhooks over registration p50 with none (goal ≤ 1.05). The rounds with
// and without webhooks alternate, so that the machine's drift falls on both alike.
//   npm run bench -- event-delivery [--registrations 5000] [--rounds 4] [--clients 4]
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchApi, freshStudioData, percentile, round, startBenchStudio } from "./lib/support";

const { values } = parseArgs({
  options: {
    registrations: { type: "string", default: "5000" },
    rounds: { type: "string", default: "4" },
    clients: { type: "string", default: "4" },
  },
});
const REGISTRATIONS = Number(values.registrations);
const ROUNDS = Number(values.rounds);
const CLIENTS = Number(values.clients);
const WEBHOOKS = 3;

/** When each registration was answered, by model name; when each delivery arrived. */
const answeredAt = new Map<string, number>();
const latencies: number[] = [];
let received = 0;
let lastReceipt = 0;

async function startReceiver(): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const now = performance.now();
      const subject = /"subject":"models\/([^":]+):/.exec(Buffer.concat(chunks).toString("utf8"))?.[1];
      const answered = subject ? answeredAt.get(subject) : undefined;
      if (answered !== undefined) latencies.push(Math.max(0, now - answered));
      received++;
      lastReceipt = now;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Registers `count` versions with `CLIENTS` clients in parallel; answers each registration's time. */
async function register(base: string, token: string, prefix: string, count: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < count) {
      const name = `${prefix}-${next++}`;
      const form = new FormData();
      form.append("files", new Blob([`weights of ${name}`]), "model.bin");
      const started = performance.now();
      await benchApi(base, token, "POST", `/workspaces/bench/models/${name}/versions`, undefined, form);
      const done = performance.now();
      answeredAt.set(name, done);
      times.push(done - started);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return times;
}

async function main() {
  const receiverUrl = await startReceiver();
  const dataDir = await freshStudioData("event-delivery");
  const studio = await startBenchStudio(dataDir, { STUDIO_WEBHOOK_ALLOW_PRIVATE: "on" });
  try {
    const hooks: string[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const created = await benchApi(studio.url, studio.token, "POST", "/workspaces/bench/webhooks", {
        url: `${receiverUrl}/hook-${i}`,
        events: ["model.version.registered"],
      });
      hooks.push(created.id);
    }
    const setHooks = (isEnabled: boolean) =>
      Promise.all(
        hooks.map((id) =>
          benchApi(studio.url, studio.token, "PATCH", `/workspaces/bench/webhooks/${id}`, { isEnabled }),
        ),
      );
    // Warm-up: the code paths compile, the connections open.
    await register(studio.url, studio.token, "warm", 200);
    while (received < 200 * WEBHOOKS) await new Promise((res) => setTimeout(res, 20));
    latencies.length = 0;

    const perRound = Math.ceil(REGISTRATIONS / ROUNDS);
    const none: number[] = [];
    const withHooks: number[] = [];
    let hookedStart = 0;
    let hookedMs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      await setHooks(false);
      const plain = await register(studio.url, studio.token, `plain-${r}`, perRound);
      none.push(...plain);
      await setHooks(true);
      const expected = received + perRound * WEBHOOKS;
      hookedStart = performance.now();
      const hooked = await register(studio.url, studio.token, `hooked-${r}`, perRound);
      withHooks.push(...hooked);
      const deadline = performance.now() + 120_000;
      while (received < expected && performance.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      if (received < expected) throw new Error(`round ${r + 1}: ${received} of ${expected} deliveries arrived`);
      hookedMs += lastReceipt - hookedStart;
      console.error(
        `round ${r + 1}: registration p50 ${percentile(plain, 50).toFixed(2)} ms without webhooks, ${percentile(hooked, 50).toFixed(2)} ms with ${WEBHOOKS}; delivery p99 so far ${percentile(latencies, 99).toFixed(0)} ms`,
      );
    }
    const deliveries = perRound * ROUNDS * WEBHOOKS;
    const result = {
      bench: "event-delivery",
      registrations: perRound * ROUNDS,
      webhooks: WEBHOOKS,
      deliveries,
      p50_delivery_ms: round(percentile(latencies, 50)),
      p99_delivery_ms: round(percentile(latencies, 99)),
      deliveries_per_s: round(deliveries / (hookedMs / 1000)),
      registration_p50_ms_none: round(percentile(none, 50)),
      registration_p50_ms_webhooks: round(percentile(withHooks, 50)),
      ratio_write_path: round(percentile(withHooks, 50) / percentile(none, 50)),
    };
    console.error(
      `deliveries: p50 ${result.p50_delivery_ms} ms, p99 ${result.p99_delivery_ms} ms, ${result.deliveries_per_s}/s; write path ${result.ratio_write_path}×`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await studio.stop();
  }
  process.exit(0);
}

void main();
