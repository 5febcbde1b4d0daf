// A real HTTP receiver for webhook tests, on loopback in the test process: it records every request
// (headers and the exact body) and answers each path from a script of replies (200 once the script is
// used up). A reply can be held unanswered until released, to catch a delivery mid-flight.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };
export type Reply = { status: number; headers?: Record<string, string>; body?: string; hold?: Promise<void> };

export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private server: Server | null = null;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const path = req.url ?? "/";
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
        });
        const reply = this.scripts.get(path)?.shift() ?? { status: 200, body: "ok" };
        if (reply.hold) await reply.hold;
        res.writeHead(reply.status, reply.headers ?? { "content-type": "text/plain" });
        res.end(reply.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  /** The replies for `path`, in order; afterwards 200. */
  script(path: string, replies: Reply[]): void {
    this.scripts.set(path, [...replies]);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
