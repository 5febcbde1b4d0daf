// The public event catalog: the lifecycle changes that leave the studio (webhooks, notifications,
// automation rules), each a CloudEvents 1.0 event. The audit trail records more (sign-ins, tokens,
// members, revealed keys); those stay inside. A public type is derived from the audit action (and, for
// jobs, the kind of job), so the audit trail stays the one outbox.

/** CloudEvents asks for a reverse-DNS prefix on `type`; filters and the catalog use the short name. */
export const CLOUD_EVENT_TYPE_PREFIX = "io.mlopsstudio.";

export type EventTypeInfo = {
  /** The short name filters use, such as `model.version.registered`. */
  type: string;
  description: string;
  /** The shape of the event's `subject`. */
  subject: string;
  /** An audit event of this type, as recorded (the catalog's example is made from it). */
  example: {
    action: string;
    subjectType: string;
    /** For kinds whose pages are addressed by id (rules, schedules). */
    subjectId?: string;
    subjectLabel: string;
    data: Record<string, unknown>;
  };
};

const JOB_EXAMPLE = {
  name: "job-7kq2m9xw3d",
  displayName: "iris lr=0.05",
  experiment: "iris-sklearn",
  kind: "command",
};

/** Promotion request events share their subject and example. */
function promotionEvent(type: string, description: string): EventTypeInfo {
  return {
    type,
    description,
    subject: "promotions/{number}",
    example: {
      action: type,
      subjectType: "promotion",
      subjectId: "cm4promo0000example",
      subjectLabel: "#12",
      data: {
        kind: "deploy",
        summary: "Deploy registries/shared/iris-sgd:1 as iris-prod/sgd",
        requestedBy: "scientist@example.com",
      },
    },
  };
}

export const EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: "model.version.registered",
    description: "A model version was registered (uploaded, registered from a job's output, or copied to a registry).",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.registered",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3, tags: { stage: "candidate" }, files: 1 },
    },
  },
  {
    type: "model.version.tags_updated",
    description: "The tags of a model version changed.",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.tags_updated",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3, tags: { stage: "production" } },
    },
  },
  {
    type: "model.version.archived",
    description: "A model version was archived.",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.archived",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3 },
    },
  },
  {
    type: "model.version.restored",
    description: "An archived model version was restored.",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.restored",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3 },
    },
  },
  {
    type: "model.version.deleted",
    description: "A model version was deleted.",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.deleted",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3 },
    },
  },
  {
    type: "model.version.shared",
    description: "A model version was shared to a registry (the registry gets a model.version.registered too).",
    subject: "models/{name}:{version}",
    example: {
      action: "model.version.shared",
      subjectType: "model_version",
      subjectLabel: "iris-classifier:3",
      data: { name: "iris-classifier", version: 3, registry: "shared", registryVersion: 1 },
    },
  },
  {
    type: "model.card.updated",
    description:
      "A model's card, or a version's, was written (intended use, limitations, evaluation notes, risk rating).",
    subject: "models/{name}",
    example: {
      action: "model.card.updated",
      subjectType: "model",
      subjectLabel: "iris-classifier",
      data: { name: "iris-classifier", version: null, fields: ["intendedUse", "risk"], risk: "medium" },
    },
  },
  promotionEvent(
    "promotion.requested",
    "A change (deployment, traffic setting or publication) was held for approval under the scope's policy.",
  ),
  promotionEvent(
    "promotion.approved",
    "A promotion request got the approvals its policy asks for; it is applied next.",
  ),
  promotionEvent("promotion.rejected", "A promotion request was rejected; it never changes again."),
  promotionEvent("promotion.canceled", "A pending promotion request was canceled by its requester or an owner."),
  promotionEvent("promotion.applied", "An approved promotion request was applied as its requester."),
  promotionEvent(
    "promotion.apply_failed",
    "An approved promotion request could not be applied (the reason says why); it stays approved.",
  ),
  {
    type: "data.version.registered",
    description: "A data asset version was registered.",
    subject: "data/{name}:{version}",
    example: {
      action: "data.version.created",
      subjectType: "data_version",
      subjectLabel: "iris:2",
      data: { name: "iris", version: 2, type: "uri_file" },
    },
  },
  {
    type: "data.version.profiled",
    description: "A data asset version's profile (columns, statistics) is ready, or could not be made.",
    subject: "data/{name}:{version}",
    example: {
      action: "data.version.profiled",
      subjectType: "data_version",
      subjectLabel: "iris:2",
      data: { name: "iris", version: 2, profileStatus: "ready" },
    },
  },
  {
    type: "endpoint.created",
    description: "An online or batch endpoint was created.",
    subject: "endpoints/{endpoint}",
    example: {
      action: "endpoint.created",
      subjectType: "endpoint",
      subjectLabel: "iris-online",
      data: { endpoint: "iris-online", kind: "online" },
    },
  },
  {
    type: "endpoint.deleted",
    description: "An endpoint was deleted with its deployments.",
    subject: "endpoints/{endpoint}",
    example: {
      action: "endpoint.deleted",
      subjectType: "endpoint",
      subjectLabel: "iris-online",
      data: { endpoint: "iris-online" },
    },
  },
  {
    type: "endpoint.traffic.updated",
    description: "The traffic split or the mirrored traffic of an endpoint changed.",
    subject: "endpoints/{endpoint}",
    example: {
      action: "endpoint.traffic.updated",
      subjectType: "endpoint",
      subjectLabel: "iris-online",
      data: { traffic: { blue: 90, green: 10 }, previous: { blue: 100 }, mirror: {} },
    },
  },
  {
    type: "endpoint.key.regenerated",
    description: "A scoring key of an endpoint was regenerated (the key itself is never sent).",
    subject: "endpoints/{endpoint}",
    example: {
      action: "endpoint.key.regenerated",
      subjectType: "endpoint",
      subjectLabel: "iris-online",
      data: { key: "primary" },
    },
  },
  {
    type: "deployment.created",
    description: "A deployment was created; it is being brought up.",
    subject: "endpoints/{endpoint}/deployments/{deployment}",
    example: {
      action: "deployment.created",
      subjectType: "deployment",
      subjectLabel: "iris-online/blue",
      data: { model: "iris-classifier:3", scoringMethod: "onnx", instanceCount: 1 },
    },
  },
  {
    type: "deployment.succeeded",
    description: "A deployment is up and scoring.",
    subject: "endpoints/{endpoint}/deployments/{deployment}",
    example: {
      action: "deployment.succeeded",
      subjectType: "deployment",
      subjectLabel: "iris-online/blue",
      data: { model: "iris-classifier:3" },
    },
  },
  {
    type: "deployment.failed",
    description: "A deployment could not be brought up (the reason says why).",
    subject: "endpoints/{endpoint}/deployments/{deployment}",
    example: {
      action: "deployment.failed",
      subjectType: "deployment",
      subjectLabel: "iris-online/blue",
      data: { model: "iris-classifier:3" },
    },
  },
  {
    type: "deployment.deleted",
    description: "A deployment was deleted.",
    subject: "endpoints/{endpoint}/deployments/{deployment}",
    example: { action: "deployment.deleted", subjectType: "deployment", subjectLabel: "iris-online/blue", data: {} },
  },
  {
    type: "job.queued",
    description: "A command or batch scoring job was submitted and waits for the runner.",
    subject: "jobs/{name}",
    example: {
      action: "job.submitted",
      subjectType: "job",
      subjectLabel: "job-7kq2m9xw3d",
      data: { ...JOB_EXAMPLE, status: "queued" },
    },
  },
  {
    type: "job.running",
    description: "A job started running (on the local runner, or reported by an outside process).",
    subject: "jobs/{name}",
    example: {
      action: "job.started",
      subjectType: "job",
      subjectLabel: "job-7kq2m9xw3d",
      data: { ...JOB_EXAMPLE, status: "running" },
    },
  },
  {
    type: "job.completed",
    description: "A job completed, with its final metrics (each metric's last value).",
    subject: "jobs/{name}",
    example: {
      action: "job.completed",
      subjectType: "job",
      subjectLabel: "job-7kq2m9xw3d",
      data: { ...JOB_EXAMPLE, status: "completed", metrics: { val_accuracy: 0.956, val_loss: 0.25 } },
    },
  },
  {
    type: "job.failed",
    description: "A job failed (the reason says why).",
    subject: "jobs/{name}",
    example: {
      action: "job.failed",
      subjectType: "job",
      subjectLabel: "job-7kq2m9xw3d",
      data: { ...JOB_EXAMPLE, status: "failed", exitCode: 1 },
    },
  },
  {
    type: "job.canceled",
    description: "A job was canceled.",
    subject: "jobs/{name}",
    example: {
      action: "job.canceled",
      subjectType: "job",
      subjectLabel: "job-7kq2m9xw3d",
      data: { ...JOB_EXAMPLE, status: "canceled" },
    },
  },
  {
    type: "pipeline_job.queued",
    description: "A pipeline job was submitted.",
    subject: "jobs/{name}",
    example: {
      action: "job.submitted",
      subjectType: "job",
      subjectLabel: "job-3fh7k2ls9q",
      data: { name: "job-3fh7k2ls9q", experiment: "iris-pipeline", kind: "pipeline", status: "queued" },
    },
  },
  {
    type: "pipeline_job.completed",
    description: "Every step of a pipeline job completed.",
    subject: "jobs/{name}",
    example: {
      action: "job.completed",
      subjectType: "job",
      subjectLabel: "job-3fh7k2ls9q",
      data: { name: "job-3fh7k2ls9q", experiment: "iris-pipeline", kind: "pipeline", status: "completed" },
    },
  },
  {
    type: "pipeline_job.failed",
    description: "A pipeline job failed (a step failed, or could not start).",
    subject: "jobs/{name}",
    example: {
      action: "job.failed",
      subjectType: "job",
      subjectLabel: "job-3fh7k2ls9q",
      data: { name: "job-3fh7k2ls9q", experiment: "iris-pipeline", kind: "pipeline", status: "failed" },
    },
  },
  {
    type: "pipeline_job.canceled",
    description: "A pipeline job was canceled.",
    subject: "jobs/{name}",
    example: {
      action: "job.canceled",
      subjectType: "job",
      subjectLabel: "job-3fh7k2ls9q",
      data: { name: "job-3fh7k2ls9q", experiment: "iris-pipeline", kind: "pipeline", status: "canceled" },
    },
  },
  {
    type: "automation.fired",
    description: "An automation rule acted on an event: its outcome and what each action did.",
    subject: "automation_rules/{name}",
    example: {
      action: "automation.fired",
      subjectType: "automation_rule",
      subjectId: "cmrule0example0000000001",
      subjectLabel: "register good iris models",
      data: {
        rule: "register good iris models",
        status: "succeeded",
        event: { id: "evt_1019", type: "job.completed", subject: "jobs/job-7kq2m9xw3d" },
        results: [
          {
            action: "register_model",
            ok: true,
            message: "Registered iris-sgd:4 from output model of job job-7kq2m9xw3d.",
          },
        ],
      },
    },
  },
  {
    type: "schedule.fired",
    description: "A schedule fired (or was run by hand): the job it submitted, or why it did not.",
    subject: "schedules/{name}",
    example: {
      action: "schedule.fired",
      subjectType: "schedule",
      subjectId: "cmsched0example000000001",
      subjectLabel: "nightly retrain",
      data: {
        schedule: "nightly retrain",
        trigger: "schedule",
        scheduledFor: "2026-06-01T02:00:00.000Z",
        status: "submitted",
        job: "job-9x2kq7m3ab",
      },
    },
  },
  {
    type: "endpoint.challenger.criteria_met",
    description:
      "The mirrored challenger of an endpoint came to meet its promotion criteria (agreement or error figures, error rate, compared rows) over their window.",
    subject: "endpoints/{name}",
    example: {
      action: "endpoint.challenger.criteria_met",
      subjectType: "endpoint",
      subjectId: "cmendp0example0000000001",
      subjectLabel: "iris-online",
      data: {
        endpoint: "iris-online",
        live: ["blue"],
        challenger: ["green"],
        window: { from: "2026-06-01T00:00:00.000Z", to: "2026-06-02T00:00:00.000Z" },
        comparedRows: 412,
        agreement: 0.976,
        mae: null,
        rmse: null,
        errorRate: { live: 0.002, challenger: 0 },
        criteria: { window: "P1D", minCompared: 200, minAgreement: 0.95, errorRateAtMostLive: true },
        checks: [{ name: "agreement", required: "≥ 95.0%", actual: "97.6%", isMet: true }],
      },
    },
  },
  {
    type: "monitor.alert",
    description:
      "A model monitor's run found drift, data-quality problems or a drop in performance beyond its thresholds: the breaches, worst first.",
    subject: "monitors/{name}",
    example: {
      action: "monitor.alert",
      subjectType: "monitor",
      subjectId: "cmmon0example00000000001",
      subjectLabel: "iris-online-blue",
      data: {
        monitor: "iris-online-blue",
        endpoint: "iris-online",
        deployment: "blue",
        model: "iris-classifier:1",
        run: "cmrun0example00000000001",
        window: { from: "2026-06-01T00:00:00.000Z", to: "2026-06-02T00:00:00.000Z" },
        productionRows: 1200,
        breachCount: 1,
        breaches: [
          {
            signal: "data_drift",
            feature: "petal_length_cm",
            metric: "normalized_wasserstein_distance",
            value: 0.65,
            threshold: 0.1,
          },
        ],
      },
    },
  },
];

const KNOWN = new Set(EVENT_TYPES.map((t) => t.type));
const JOB_STATUSES = new Set(["queued", "running", "completed", "failed", "canceled"]);

/** The public type of an audit event, or null when it stays inside the studio. */
export function publicEventType(action: string, data: Record<string, unknown>): string | null {
  if (action.startsWith("job.")) return publicJobType(action, data);
  const renamed = action === "data.version.created" ? "data.version.registered" : action;
  return KNOWN.has(renamed) ? renamed : null;
}

/** Job events name a step of the runner; the public name is the status it reached, per kind of job. */
function publicJobType(action: string, data: Record<string, unknown>): string | null {
  const step = action.slice("job.".length);
  const status =
    step === "submitted"
      ? "queued"
      : step === "started" || step === "created"
        ? "running"
        : step === "finished"
          ? String(data.status ?? "")
          : step;
  if (!JOB_STATUSES.has(status)) return null;
  // Steps of a pipeline report through their pipeline job; a reused step never ran.
  if (data.kind === "pipeline_step") return null;
  const type = data.kind === "pipeline" ? `pipeline_job.${status}` : `job.${status}`;
  return KNOWN.has(type) ? type : null;
}

/** The CloudEvents `subject` of an audit event's subject (what it is about, within its source). */
export function eventSubject(subjectType: string, subjectLabel: string): string {
  switch (subjectType) {
    case "model_version":
      return `models/${subjectLabel}`;
    case "data_version":
      return `data/${subjectLabel}`;
    case "environment_version":
      return `environments/${subjectLabel}`;
    case "component_version":
      return `components/${subjectLabel}`;
    case "job":
      return `jobs/${subjectLabel}`;
    case "endpoint":
      return `endpoints/${subjectLabel}`;
    case "deployment": {
      const slash = subjectLabel.indexOf("/");
      return slash < 0
        ? `deployments/${subjectLabel}`
        : `endpoints/${subjectLabel.slice(0, slash)}/deployments/${subjectLabel.slice(slash + 1)}`;
    }
    case "pipeline":
      return `pipelines/${subjectLabel}`;
    case "promotion":
      return `promotions/${subjectLabel.replace(/^#/, "")}`;
    default:
      return `${subjectType}s/${subjectLabel}`;
  }
}

/**
 * Whether `type` matches one of `patterns`: an exact short name, `*` alone (everything), or names with
 * `*` standing for one or more dot-separated parts (`model.*`, `*.failed`, `job.*.x`).
 */
export function matchesEventType(type: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => typePatternRegex(pattern).test(type));
}

const patternCache = new Map<string, RegExp>();
function typePatternRegex(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const short = pattern.startsWith(CLOUD_EVENT_TYPE_PREFIX) ? pattern.slice(CLOUD_EVENT_TYPE_PREFIX.length) : pattern;
    const body = short
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[a-z0-9_.]+");
    regex = new RegExp(`^${body}$`);
    patternCache.set(pattern, regex);
  }
  return regex;
}

/** Why an event type pattern is refused (null: it is fine): it must match at least one public type. */
export function eventTypePatternProblem(pattern: string): string | null {
  if (!/^[a-z0-9_.*]{1,100}$/.test(pattern.replace(CLOUD_EVENT_TYPE_PREFIX, ""))) {
    return `"${pattern}" is not an event type: use names such as model.version.registered, with * for any part`;
  }
  if (!EVENT_TYPES.some((t) => matchesEventType(t.type, [pattern]))) {
    return `"${pattern}" matches no event type (GET /api/v1/event-types lists them)`;
  }
  return null;
}
