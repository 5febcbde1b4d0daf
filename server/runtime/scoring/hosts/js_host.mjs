// Runs a JavaScript entry module (init() and run(rawData), the same contract as Azure ML's Python entry
// scripts) for the studio's scoring runtime. Requests arrive on fd 3 as JSON lines {"id", "body"};
// answers leave on fd 4 as lines "<id> ok <json>" or "<id> error <json message>". The module's console
// output stays on stdout/stderr, which the studio keeps as the deployment's logs.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [codeDir, script] = process.argv.slice(2);
const answers = createWriteStream(null, { fd: 4 });
const answer = (id, kind, payload) => answers.write(`${id} ${kind} ${payload}\n`);
const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

process.chdir(codeDir);
let mod;
try {
  mod = await import(pathToFileURL(join(codeDir, script)).href);
  if (typeof mod.run !== "function") throw new TypeError(`${script} exports no run(rawData) function`);
  if (typeof mod.init === "function") await mod.init();
} catch (error) {
  console.error(error);
  answer(0, "initfail", JSON.stringify(describe(error)));
  answers.end(() => process.exit(3));
}

if (mod) {
  answer(0, "ready", "null");
  // One request at a time, in order, as a Python instance takes them.
  const lines = createInterface({ input: createReadStream(null, { fd: 3 }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const request = JSON.parse(line);
    try {
      const payload = JSON.stringify((await mod.run(request.body)) ?? null);
      answer(request.id, "ok", payload);
    } catch (error) {
      console.error(error);
      answer(request.id, "error", JSON.stringify(describe(error)));
    }
  }
  process.exit(0);
}
