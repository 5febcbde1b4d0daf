// Events in words: what an audit event says, as the part of a sentence after who did it ("ran job
// bright-river-3 — completed"), with a link to its subject when it still exists. Pure, so the Activity page,
// the version pages' activity and their tests share one wording. Unknown actions fall back to their code.
import { describeAction } from "@/lib/event-labels";
import type { ScopeRef } from "@/lib/scopes";
import { pages, type AssetSection } from "@/lib/routes";

export type EventLike = {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: { type: string; id: string | null; label: string };
  scope: ScopeRef | null;
  reason: string | null;
  data: Record<string, unknown>;
};

export type Tone = "neutral" | "success" | "warning" | "danger";

export type EventSentence = {
  /** The words before the subject: "ran job", "set the traffic of endpoint". */
  verb: string;
  subject: { label: string; href: string | null };
  /** What became of it, after a dash: "completed", "failed". */
  outcome: { text: string; tone: Tone } | null;
  /** A smaller line under the sentence: the change in detail. */
  detail: string | null;
};

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function record(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const JOB_OUTCOMES: Record<string, { text: string; tone: Tone }> = {
  queued: { text: "queued", tone: "neutral" },
  running: { text: "running", tone: "neutral" },
  completed: { text: "completed", tone: "success" },
  failed: { text: "failed", tone: "danger" },
  canceled: { text: "canceled", tone: "warning" },
  cancel_requested: { text: "cancel requested", tone: "warning" },
};

/** The state a job event leaves its job in, when it says. */
export function jobOutcomeOf(event: Pick<EventLike, "action" | "data">): { text: string; tone: Tone } | null {
  switch (event.action) {
    case "job.started":
      return JOB_OUTCOMES.running;
    case "job.completed":
    case "job.failed":
    case "job.canceled":
      return JOB_OUTCOMES[event.action.slice(4)];
    case "job.cancel_requested":
      return JOB_OUTCOMES.cancel_requested;
    case "job.finished":
      return JOB_OUTCOMES[str(event.data.status) ?? ""] ?? null;
    default:
      return null;
  }
}

/** "blue 90% → 100%, green 10% → 0%; mirror off": a traffic change, deployment by deployment. */
export function describeTrafficChange(data: Record<string, unknown>): string | null {
  const now = record(data.traffic);
  if (!now) return null;
  const previous = record(record(data.previous)?.traffic) ?? {};
  const names = [...new Set([...Object.keys(previous), ...Object.keys(now)])].sort();
  const split = names.map((name) => {
    const before = num(previous[name]) ?? 0;
    const after = num(now[name]) ?? 0;
    return before === after ? `${name} ${after}%` : `${name} ${before}% → ${after}%`;
  });
  const mirror = record(data.mirror);
  const before = record(record(data.previous)?.mirror);
  const mirrorText = (m: Record<string, unknown> | null) =>
    m && str(m.deployment) ? `${str(m.deployment)} ${num(m.percent) ?? 0}%` : "off";
  const mirrorChanged = mirrorText(mirror) !== mirrorText(before);
  const parts = [split.join(", ")];
  if (mirror || mirrorChanged)
    parts.push(mirrorChanged ? `mirror ${mirrorText(before)} → ${mirrorText(mirror)}` : `mirror ${mirrorText(mirror)}`);
  return parts.filter(Boolean).join("; ") || null;
}

function versionHref(scope: ScopeRef | null, section: AssetSection, label: string): string | null {
  if (!scope) return null;
  const at = label.lastIndexOf(":");
  if (at <= 0) return null;
  return pages.assetVersion(scope, section, label.slice(0, at), label.slice(at + 1));
}

const VERSION_SECTIONS: Record<string, AssetSection> = {
  model_version: "models",
  environment_version: "environments",
  data_version: "data",
  component_version: "components",
};

/** Where the event's subject lives now; none when it was deleted, or has no page. */
export function subjectHref(event: EventLike): string | null {
  const { scope, subject, action } = event;
  if (!scope || action.endsWith(".deleted")) return null;
  const section = VERSION_SECTIONS[subject.type];
  if (section) return versionHref(scope, section, subject.label);
  if (subject.type === "model") return pages.asset(scope, "models", subject.label);
  if (subject.type === "promotion") return subject.id ? pages.promotion(scope, subject.id) : null;
  // Jobs, pipelines and endpoints live in workspaces only.
  if (scope.kind !== "workspace") return null;
  switch (subject.type) {
    case "job":
      return pages.job(scope.name, subject.label);
    case "pipeline":
      return subject.id ? pages.pipeline(scope.name, subject.id) : null;
    case "endpoint":
      return pages.endpoint(scope.name, subject.label);
    case "deployment": {
      const [endpoint] = subject.label.split("/");
      return endpoint ? pages.endpoint(scope.name, endpoint) : null;
    }
    case "member":
    case "user":
      return null;
    default:
      return null;
  }
}

function tagChanges(d: Record<string, unknown>): string | null {
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.map(String).join(", ") : null);
  const parts = [
    list(d.added) && `added ${list(d.added)}`,
    list(d.changed) && `changed ${list(d.changed)}`,
    list(d.removed) && `removed ${list(d.removed)}`,
  ].filter(Boolean);
  return parts.join("; ") || null;
}

function jobVerb(kind: string | null): string {
  if (kind === "pipeline") return "ran pipeline job";
  if (kind === "batch_scoring") return "ran batch scoring job";
  return "ran job";
}

/** The sentence for one event (without its actor, who leads the row). */
export function describeEvent(event: EventLike): EventSentence {
  const d = event.data;
  const subject = { label: event.subject.label, href: subjectHref(event) };
  const sentence = (verb: string, detail: string | null = null, outcome: EventSentence["outcome"] = null) => ({
    verb,
    subject,
    outcome,
    detail,
  });
  switch (event.action) {
    // Jobs.
    case "job.submitted": {
      const pipeline = record(d.pipeline);
      const detail = [
        str(d.experiment) && `experiment ${str(d.experiment)}`,
        pipeline && str(pipeline.name) && `from pipeline ${str(pipeline.name)}`,
        num(d.steps) !== null && plural(num(d.steps)!, "step"),
        str(d.deployment) && `deployment ${str(d.deployment)}`,
        str(d.environment) && `environment ${str(d.environment)}`,
      ].filter(Boolean);
      return sentence(jobVerb(str(d.kind)), detail.join(", ") || null);
    }
    case "job.created":
      return sentence("logged job", str(d.experiment) ? `experiment ${str(d.experiment)} (from a script)` : null);
    case "job.started":
      return sentence("started job", null, jobOutcomeOf(event));
    case "job.completed":
      return sentence("finished job", null, jobOutcomeOf(event));
    case "job.failed":
      return sentence(
        "finished job",
        num(d.exitCode) !== null ? `exit code ${num(d.exitCode)}` : d.lostRunner ? "its runner stopped" : null,
        jobOutcomeOf(event),
      );
    case "job.canceled":
      return sentence("canceled job", null, jobOutcomeOf(event));
    case "job.cancel_requested":
      return sentence("asked to cancel job");
    case "job.finished":
      return sentence("reported the end of job", null, jobOutcomeOf(event));
    case "job.reused":
      return sentence(
        "reused earlier results for job",
        [str(d.step) && `step ${str(d.step)}`, str(d.from) && `from job ${str(d.from)}`].filter(Boolean).join(", ") ||
          null,
      );
    case "job.output.uploaded":
      return sentence(
        `uploaded output ${str(d.output) ?? ""} of job`.replace("  ", " "),
        num(d.files) !== null ? plural(num(d.files)!, "file") : null,
      );
    case "job.output.registered":
      return sentence(`registered model ${str(d.model) ?? ""} from output ${str(d.output) ?? ""} of job`, null);
    // Pipelines.
    case "pipeline.created":
      return sentence("created pipeline");
    case "pipeline.cloned": {
      const from = record(d.from);
      return sentence(
        "cloned a pipeline into",
        from && str(from.name)
          ? `from pipeline ${str(from.name)}`
          : str(d.fromJob)
            ? `from job ${str(d.fromJob)}`
            : null,
      );
    }
    case "pipeline.deleted":
      return sentence("deleted pipeline");
    case "pipeline.copied": {
      const from = record(d.from);
      const to = record(d.to);
      return sentence(
        "copied pipeline",
        from && to ? `from workspace ${str(from.workspace)} to workspace ${str(to.workspace)}` : null,
      );
    }
    case "component.version.created":
      return sentence("registered component version");
    // Models and other versioned assets.
    case "model.version.tags_updated":
    case "environment.version.tags_updated":
    case "data.version.tags_updated":
      return sentence(describeAction(event.action), tagChanges(d));
    case "model.version.shared":
    case "environment.version.shared":
    case "data.version.shared":
      return sentence(
        describeAction(event.action),
        str(d.registryVersion) ? `as ${str(d.registryVersion)} in registry ${str(d.registry)}` : null,
      );
    case "model.version.registered": {
      const origin = str(d.publishedFrom)
        ? `from ${str(d.publishedFrom)}`
        : d.publishedFromHidden
          ? "from a workspace you are not a member of"
          : null;
      const files = num(d.files);
      return sentence(
        describeAction(event.action),
        [files !== null ? plural(files, "file") : null, origin].filter(Boolean).join(", ") || null,
      );
    }
    // Endpoints.
    case "endpoint.traffic.updated":
      return sentence(describeAction(event.action), describeTrafficChange(d));
    // Members.
    case "member.added":
    case "member.role_changed":
    case "member.removed":
      return sentence(
        describeAction(event.action),
        [str(d.previousRole) && `was ${str(d.previousRole)}`, str(d.role) && `now ${str(d.role)}`]
          .filter(Boolean)
          .join(", ") || null,
      );
    case "auth.signed_out_everywhere":
      return { verb: "signed out everywhere", subject: { label: "", href: null }, outcome: null, detail: null };
    default:
      return sentence(describeAction(event.action));
  }
}
