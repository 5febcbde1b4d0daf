// Run by `npm start` before the web app and the scoring service: migrates the database, seeds it once,
// and refuses to go on when the studio would be exposed with the published demo password. Both services
// then start on a ready database (the web app's instrumentation does the same, and finds nothing to do).
//   node --conditions=react-server --import tsx scripts/prepare-studio.ts
import { prepareDatabase } from "@/server/db/prepare";
import { exposedDemoAccounts } from "@/server/security/exposure-guard";

await prepareDatabase();
const refusal = await exposedDemoAccounts();
if (refusal) {
  console.error(`[studio] refusing to start: ${refusal}`);
  process.exit(1);
}
process.exit(0);
