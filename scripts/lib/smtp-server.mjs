// A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd), writing each message it
// receives into a Maildir: `<dir>/new/<file>`, headers and body as sent. Stopped at the end of the run.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { freePort } from "./ports.mjs";

const canConnect = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

export async function startTestSmtp(dir) {
  const maildir = join(dir, "maildir");
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  // -n: as root, stay root rather than switch to nobody (who could not write the Maildir).
  const server = spawn(
    "/usr/bin/python3",
    ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill("SIGKILL");
      throw new Error("the test SMTP server (python3 -m aiosmtpd) did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `smtp://127.0.0.1:${port}`, maildir, stop: () => server.kill("SIGTERM") };
}
