import "server-only";
import { env } from "@/server/env";
import { scoringService } from "@/server/runtime/scoring/scoring-service";
import { createScoringListener } from "@/server/runtime/scoring/scoring-listener";

/**
 * Starts this process's scoring service and, unless STUDIO_SCORING_PORT is 0, its listener. Entry-script
 * instances read their requests from a pipe, so they end by themselves when the studio does.
 */
export function startScoring(): void {
  // Once per process: `next dev` may run instrumentation again, and the port is taken by then.
  const flags = globalThis as unknown as { studioScoringStarted?: boolean };
  if (flags.studioScoringStarted) return;
  flags.studioScoringStarted = true;
  const service = scoringService().start();
  if (env.scoringPort === 0) return;
  const listener = createScoringListener(service, { maxBodyBytes: env.STUDIO_SCORING_MAX_BODY_BYTES });
  listener.on("error", (error) =>
    console.error(`[scoring] the scoring listener could not use port ${env.scoringPort}: ${error.message}`),
  );
  listener.listen(env.scoringPort, env.HOST, () =>
    console.log(`[scoring] scoring URLs on ${env.HOST}:${env.scoringPort}`),
  );
}
