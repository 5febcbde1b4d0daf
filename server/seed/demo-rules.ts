import "server-only";
import type { Actor } from "@/server/auth/actor";
import { createRule } from "@/server/automations/manage-rules";

/** The threshold of the seeded rule: the example's default run (lr 0.05) reaches 0.956; lr 0.01 stays at 0.889. */
export const CANDIDATE_ACCURACY = 0.9;

/**
 * The "predefined criteria" loop of the MLOps guidance, as one real rule: when a run of the iris
 * experiment completes with a validation accuracy at or above the threshold, its model is registered as
 * a candidate, tagged with the job it came from.
 */
export async function seedDemoRules(scientist: Actor, workspace: string): Promise<void> {
  await createRule(scientist, workspace, {
    name: "register good iris models",
    description: `Registers the model of each iris-sklearn run whose val_accuracy reaches ${CANDIDATE_ACCURACY}, tagged stage=candidate.`,
    trigger: {
      eventTypes: ["job.completed"],
      experiment: "iris-sklearn",
      condition: `metrics.val_accuracy >= ${CANDIDATE_ACCURACY}`,
    },
    actions: [
      {
        type: "register_model",
        output: "model",
        model: "iris-sgd",
        tags: { stage: "candidate", "source-job": "${{event.data.name}}" },
        description: "Registered by the rule: val_accuracy ${{event.data.metrics.val_accuracy}}.",
      },
    ],
  });
}
