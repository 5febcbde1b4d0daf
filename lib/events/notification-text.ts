// How a notification reads: one short sentence about the event, in the words of the studio's pages.

type About = { type: string; subjectLabel: string; data: Record<string, unknown>; scopeName: string };

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function notificationTitle({ type, subjectLabel, data, scopeName }: About): string {
  const where = ` in ${scopeName}`;
  const job = str(data.displayName) ?? subjectLabel;
  switch (type) {
    case "model.version.registered":
      return `Model version ${subjectLabel} registered${where}`;
    case "model.version.tags_updated":
      return `Tags of ${subjectLabel} changed${where}`;
    case "model.version.archived":
      return `${subjectLabel} archived${where}`;
    case "model.version.restored":
      return `${subjectLabel} restored${where}`;
    case "model.version.deleted":
      return `${subjectLabel} deleted${where}`;
    case "model.version.shared":
      return `${subjectLabel} shared to registry ${str(data.registry) ?? "a registry"}`;
    case "data.version.registered":
      return `Data asset version ${subjectLabel} registered${where}`;
    case "data.version.profiled":
      return data.profileStatus === "failed"
        ? `Data asset ${subjectLabel} could not be profiled${where}`
        : `Data asset ${subjectLabel} profiled${where}`;
    case "endpoint.created":
      return `Endpoint ${subjectLabel} created${where}`;
    case "endpoint.deleted":
      return `Endpoint ${subjectLabel} deleted${where}`;
    case "endpoint.traffic.updated":
      return `Traffic of endpoint ${subjectLabel} changed${where}`;
    case "endpoint.key.regenerated":
      return `A key of endpoint ${subjectLabel} was regenerated${where}`;
    case "deployment.created":
      return `Deployment ${subjectLabel} created${where}`;
    case "deployment.succeeded":
      return `Deployment ${subjectLabel} is up${where}`;
    case "deployment.failed":
      return `Deployment ${subjectLabel} failed${where}`;
    case "deployment.deleted":
      return `Deployment ${subjectLabel} deleted${where}`;
    default: {
      const [kind, status] = type.split(".");
      if (kind === "job" || kind === "pipeline_job") {
        const what = kind === "job" ? "Job" : "Pipeline job";
        return `${what} ${job} ${status === "running" ? "is running" : status}${where}`;
      }
      return `${type}: ${subjectLabel}${where}`;
    }
  }
}
