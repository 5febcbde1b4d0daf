// The studio under test as a process: which pid listens on its port, how many descriptors it holds.
// Linux only (reads /proc), as the test machines are.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** The pid of the process with a listening socket on `port`. */
export function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  for (const name of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${name}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${name}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(name);
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

/** How many file descriptors the process holds open. */
export function openDescriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The pid of the studio's event dispatcher process (it writes it into the data folder when it starts). */
export function dispatcherPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, "dispatcher.pid"), "utf8"));
}
