import type { NextRequest } from "next/server";
import { mlflowRoute } from "@/server/http/mlflow";

// MLflow's REST API for one workspace: MLFLOW_TRACKING_URI=http://<studio>/mlflow/<workspace>.
type Context = { params: Promise<{ workspace: string; path: string[] }> };

async function handle(req: NextRequest, context: Context): Promise<Response> {
  const { workspace, path } = await context.params;
  return mlflowRoute(req, workspace, path);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
