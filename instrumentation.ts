// Runs once when a studio server process starts (Node.js runtime only): the database is migrated and,
// when empty, seeded before the first request is served; then the background workers start.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareDatabase } = await import("@/server/db/prepare");
    await prepareDatabase();
    const { seedOnFirstStart } = await import("@/server/seed/demo-data");
    await seedOnFirstStart();
    const { exposedDemoAccounts } = await import("@/server/security/exposure-guard");
    const refusal = await exposedDemoAccounts();
    if (refusal) {
      console.error(`[studio] refusing to start: ${refusal}`);
      process.exit(1);
    }
    const { announceSandbox } = await import("@/server/runtime/sandbox/sandbox");
    announceSandbox();
    const { startBlobCollector } = await import("@/server/artifacts/blob-gc");
    startBlobCollector();
    const { startBuildCollector } = await import("@/server/environments/environment-builds");
    startBuildCollector();
    // The runner knows nothing of pipelines or batch endpoints: they hand it their hooks first.
    const { registerPipelineRunnerHooks } = await import("@/server/pipelines/advance-pipeline");
    registerPipelineRunnerHooks();
    const { registerBatchJobRunnerHooks } = await import("@/server/endpoints/batch-jobs");
    registerBatchJobRunnerHooks();
    const { startJobRunner } = await import("@/server/runtime/job-runner");
    startJobRunner();
    const { startProfileWorker } = await import("@/server/runtime/profile-worker");
    startProfileWorker();
    const { startEventDispatcher } = await import("@/server/runtime/event-dispatcher");
    startEventDispatcher();
    // Under npm start the scoring service runs in processes of its own (scoring-process.ts); alone
    // (`next dev`) this process serves the scoring URLs itself.
    if (!process.env.STUDIO_SCORING_SUPERVISED) {
      const { startScoring } = await import("@/server/runtime/scoring/start-scoring");
      startScoring();
    }
  }
}
