// Every react-query key in one place, so a mutation can invalidate exactly what it changed.
export const queryKeys = {
  jobLogs: (workspace: string, job: string) => ["jobs", workspace, job, "logs"] as const,
  job: (workspace: string, job: string) => ["jobs", workspace, job] as const,
};
