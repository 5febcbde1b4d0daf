import { createServer } from "node:net";

// Ports handed out by this process: studios started side by side must not be given the same one.
const given = new Set();

export async function freePort() {
  for (;;) {
    const port = await anyFreePort();
    if (!given.has(port)) {
      given.add(port);
      return port;
    }
  }
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
