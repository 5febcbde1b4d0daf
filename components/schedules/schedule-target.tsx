import Link from "next/link";
import { pages } from "@/lib/routes";
import type { ScheduleTarget } from "@/lib/schemas/schedules";

// What a schedule runs, in words: "pipeline nightly retrain (latest version)" or "job job-abc again".

export function versionText(version: "latest" | "draft" | number): string {
  if (version === "latest") return "latest version";
  if (version === "draft") return "the draft as it is then";
  return `version ${version}`;
}

/** The target as plain text, for titles and summaries; pipelines are named when `pipelineName` is known. */
export function targetText(target: ScheduleTarget, pipelineName?: string | null): string {
  if (target.kind === "job") return `job ${target.job} again`;
  if (target.kind === "monitor") return `monitor ${target.monitor}`;
  return `pipeline ${pipelineName ?? target.pipeline} (${versionText(target.version)})`;
}

/** The target with a link to the pipeline or the job it runs. */
export function ScheduleTargetText({
  workspace,
  target,
  pipelineName,
}: {
  workspace: string;
  target: ScheduleTarget;
  pipelineName?: string | null;
}) {
  if (target.kind === "job") {
    return (
      <span>
        job{" "}
        <Link
          href={pages.job(workspace, target.job)}
          className="break-all font-mono text-xs text-accent hover:underline"
        >
          {target.job}
        </Link>{" "}
        again
      </span>
    );
  }
  if (target.kind === "monitor") {
    return (
      <span>
        monitor{" "}
        <Link href={pages.monitor(workspace, target.monitor)} className="text-accent hover:underline">
          {target.monitor}
        </Link>{" "}
        <span className="text-muted">over the window ending then</span>
      </span>
    );
  }
  const inputs = Object.keys(target.inputs);
  return (
    <span>
      pipeline{" "}
      <Link href={pages.pipelineHistory(workspace, target.pipeline)} className="text-accent hover:underline">
        {pipelineName ?? target.pipeline}
      </Link>{" "}
      ({versionText(target.version)})
      {inputs.length ? (
        <span className="text-muted">
          {" "}
          with {inputs.length === 1 ? "input" : "inputs"} {inputs.join(", ")} set
        </span>
      ) : null}
    </span>
  );
}
