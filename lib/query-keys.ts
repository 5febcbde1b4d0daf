// The one place react-query keys are made (live data only: job status, metric histories, logs, endpoint
// counters), so that an invalidation in one component reaches every query of the same data. Keys nest:
// invalidating `jobs.all(ws)` refreshes every job query of the workspace, `endpoints.all(ws, ep)` every
// query of the endpoint. tests/architecture.test.ts fails on a key written anywhere else.
export const queryKeys = {
  jobs: {
    all: (workspace: string) => ["jobs", workspace] as const,
    list: (workspace: string, query: string) => ["jobs", workspace, "list", query] as const,
    detail: (workspace: string, job: string) => ["jobs", workspace, "detail", job] as const,
    metric: (workspace: string, job: string, key: string, maxPoints: number) =>
      ["jobs", workspace, "detail", job, "metric", key, maxPoints] as const,
    logs: (workspace: string, job: string) => ["jobs", workspace, "detail", job, "logs"] as const,
  },
  files: {
    /** The first bytes of a stored file, by its download URL (files are immutable, so never stale). */
    preview: (url: string) => ["files", "preview", url] as const,
  },
  endpoints: {
    /** A workspace's endpoints (the Deploy dialog of a model version lists them). */
    list: (workspace: string) => ["endpoints", workspace, "list"] as const,
    all: (workspace: string, endpoint: string) => ["endpoints", workspace, endpoint] as const,
    batchJobs: (workspace: string, endpoint: string) => ["endpoints", workspace, endpoint, "batch-jobs"] as const,
    /** Collected requests of one deployment, or of all (""). */
    collected: (workspace: string, endpoint: string, deployment: string) =>
      ["endpoints", workspace, endpoint, "collected", deployment] as const,
    monitoring: (workspace: string, endpoint: string, hours: string) =>
      ["endpoints", workspace, endpoint, "monitoring", hours] as const,
    comparison: (workspace: string, endpoint: string, window: string) =>
      ["endpoints", workspace, endpoint, "comparison", window] as const,
    /** Every window's comparison of an endpoint (to invalidate them together). */
    comparisons: (workspace: string, endpoint: string) => ["endpoints", workspace, endpoint, "comparison"] as const,
    logs: (workspace: string, endpoint: string, deployment: string) =>
      ["endpoints", workspace, endpoint, "logs", deployment] as const,
  },
  monitors: {
    trend: (workspace: string, monitor: string, signal: string, feature: string, metric: string) =>
      ["monitors", workspace, monitor, "trend", signal, feature, metric] as const,
  },
  notifications: {
    unread: () => ["notifications", "unread"] as const,
  },
  webhooks: {
    deliveries: (scope: string, id: string) => ["webhooks", scope, id, "deliveries"] as const,
  },
};

/** How often live views poll while a job is queued or running. */
export const LIVE_POLL_MS = 3000;
