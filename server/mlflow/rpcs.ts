import "server-only";
import type { MlflowRpc } from "@/server/mlflow/context";
import { experimentRpcs } from "@/server/mlflow/experiments";
import { runRpcs } from "@/server/mlflow/runs";
import { searchRpcs } from "@/server/mlflow/search-runs";
import { metricRpcs } from "@/server/mlflow/metrics";
import { artifactRpcs } from "@/server/mlflow/artifacts";
import { registryRpcs } from "@/server/mlflow/registry";

/** MLflow's RPCs by name (the path after /api/2.0/mlflow/). */
export const MLFLOW_RPCS: Record<string, MlflowRpc> = {
  ...experimentRpcs,
  ...runRpcs,
  ...searchRpcs,
  ...metricRpcs,
  ...artifactRpcs,
  ...registryRpcs,
};
