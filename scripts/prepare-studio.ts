// Run by `npm start` before the web app and the scoring service: migrates the database, seeds it once,
// refuses to go on when the studio would be exposed with the published demo password, and says which
// Python jobs and entry scripts will run with. Both services
// then start on a ready database (the web app's instrumentation does the same, and finds nothing to do).
//   node --conditions=react-server --import tsx scripts/prepare-studio.ts
import { prepareDatabase } from "@/server/db/prepare";
import { seedOnFirstStart } from "@/server/seed/demo-data";
import { exposedDemoAccounts } from "@/server/security/exposure-guard";
import { choosePython } from "@/server/runtime/python-shim";

await prepareDatabase();
await seedOnFirstStart();
const refusal = await exposedDemoAccounts();
if (refusal) {
  console.error(`[studio] refusing to start: ${refusal}`);
  process.exit(1);
}
const { python, why } = choosePython();
console.log(
  python
    ? `[studio] python for jobs and entry scripts: ${python} (${why})`
    : "[studio] no python3 found: Python jobs and entry scripts cannot run (set STUDIO_PYTHON)",
);
process.exit(0);
