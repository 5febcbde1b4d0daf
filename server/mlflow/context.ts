import "server-only";
import type { Actor } from "@/server/auth/actor";

// What an MLflow RPC handler is given: who asks, in which workspace, and the request message as MLflow's
// server reads it (server/http/mlflow.ts reads it off the request).

export type MlflowMessage = Record<string, unknown>;
export type MlflowContext = {
  actor: Actor;
  workspace: string;
  message: MlflowMessage;
  /** For the one path that answers several methods (registered-models/alias). */
  method: "GET" | "POST" | "PATCH" | "DELETE";
};
export type MlflowRpc = {
  methods: readonly ("GET" | "POST" | "PATCH" | "DELETE")[];
  /** Fields that are lists: in a query string they come as repeated keys. */
  lists?: readonly string[];
  /** Body cap in bytes (MLflow documents 1 MB for log-batch). */
  maxBytes?: number;
  handle: (context: MlflowContext) => Promise<unknown>;
};
