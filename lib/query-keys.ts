// The one place react-query keys are made (live data only: job status, metric histories), so that an
// invalidation in one component reaches every query of the same data.
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
    list: (workspace: string) => ["endpoints", workspace, "list"] as const,
  },
};

/** How often live views poll while a job is queued or running. */
export const LIVE_POLL_MS = 3000;
