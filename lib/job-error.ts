// What a failed job's Overview shows under "exited with code 1": the lines that say why. A Python
// traceback is the usual answer (its last one, from "Traceback" to the exception line); otherwise the
// last lines the command wrote to stderr.

export const MAX_ERROR_LINES = 40;
const TAIL_LINES = 15;

/** The last error lines of a job's stderr text (oldest first), or [] when it wrote nothing there. */
export function lastErrorLines(stderr: string, maxLines = MAX_ERROR_LINES): string[] {
  const lines = stderr.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  if (!lines.length) return [];
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^Traceback \(most recent call last\):/.test(lines[i])) {
      start = i;
      break;
    }
  }
  // Node.js and most other runtimes print the error first and the stack after it: the tail shows both.
  const picked = start >= 0 ? lines.slice(start) : lines.slice(-TAIL_LINES);
  if (picked.length <= maxLines) return picked;
  // A long traceback keeps its head and its end, where the exception is.
  const head = picked.slice(0, 1);
  const tail = picked.slice(-(maxLines - 2));
  return [...head, `… ${picked.length - 1 - tail.length} lines left out …`, ...tail];
}
