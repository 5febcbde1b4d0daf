import Link from "next/link";
import type { ReactNode } from "react";
import { pages } from "@/lib/routes";
import type { LineageDto } from "@/lib/schemas/lineage";
import { formatDateTime } from "@/lib/format";
import { formatMetricValue } from "@/lib/metric-chart";
import { Badge, DetailRow } from "@/components/ui/misc";

const linkClass = "text-accent hover:underline";

/** Where something the reader may not open lives, said in words instead of a link that would answer 404. */
function Elsewhere({ where }: { where: string }) {
  return <span className="text-muted"> (in {where}, which you are not a member of)</span>;
}

function shortHash(hash: string) {
  const hex = hash.replace(/^sha256:/, "");
  return (
    <span className="font-mono" title={hash}>
      {hex.slice(0, 12)}
    </span>
  );
}

/**
 * A model version's lineage: the job, pipeline, experiment, metrics, params, commit, environment, data and code it
 * was made from. Shown whole to every reader of the version; links only where the reader may follow them.
 */
export function LineageRows({ lineage }: { lineage: LineageDto }) {
  const workspace = `workspace ${lineage.workspace}`;
  const jobLink = (name: string, children: ReactNode) =>
    lineage.isMember ? (
      <Link className={linkClass} href={pages.job(lineage.workspace, name)}>
        {children}
      </Link>
    ) : (
      children
    );
  const metrics = Object.entries(lineage.metrics);
  const params = Object.entries(lineage.params);
  return (
    <>
      <DetailRow label="Source job">
        {jobLink(
          lineage.job.name,
          <>
            {lineage.job.displayName} <span className="font-mono text-muted">({lineage.job.name})</span>
          </>,
        )}
        {lineage.isMember ? null : <Elsewhere where={workspace} />}
      </DetailRow>
      {lineage.pipelineJob ? (
        <DetailRow label="Pipeline job">
          {jobLink(lineage.pipelineJob.name, lineage.pipelineJob.displayName)}
          {lineage.step ? <span className="text-muted">, step {lineage.step}</span> : null}
        </DetailRow>
      ) : null}
      {lineage.reusedFrom ? (
        <DetailRow label="Reused from">
          {jobLink(lineage.reusedFrom, <span className="font-mono">{lineage.reusedFrom}</span>)}
        </DetailRow>
      ) : null}
      {lineage.experiment ? <DetailRow label="Experiment">{lineage.experiment}</DetailRow> : null}
      <DetailRow label="Metrics">
        {metrics.length ? (
          <div className="overflow-x-auto">
            <table className="text-xs" aria-label="Training metrics">
              <thead>
                <tr className="text-left text-muted">
                  <th className="pr-3 font-normal">metric</th>
                  <th className="pr-3 font-normal">last</th>
                  <th className="pr-3 font-normal">min</th>
                  <th className="font-normal">max</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {metrics.map(([key, m]) => (
                  <tr key={key}>
                    <td className="pr-3 font-sans">{key}</td>
                    <td className="pr-3">{formatMetricValue(m.last)}</td>
                    <td className="pr-3">{formatMetricValue(m.min)}</td>
                    <td>{formatMetricValue(m.max)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <span className="text-muted">none logged</span>
        )}
      </DetailRow>
      {params.length ? (
        <DetailRow label="Params">
          <ul aria-label="Training params" className="font-mono text-xs">
            {params.map(([key, value]) => (
              <li key={key}>
                <span className="text-muted">{key}=</span>
                {value}
              </li>
            ))}
          </ul>
        </DetailRow>
      ) : null}
      <DetailRow label="Code commit">
        {lineage.git?.commit ? (
          <span className="font-mono">{lineage.git.commit}</span>
        ) : (
          <span className="text-muted">not recorded</span>
        )}{" "}
        {lineage.git?.dirty ? (
          <Badge tone="warning">uncommitted changes</Badge>
        ) : lineage.git?.dirty === false ? (
          <Badge tone="success">clean</Badge>
        ) : null}
        {lineage.git?.repository ? (
          <span className="block break-all text-muted">
            {lineage.git.repository}
            {lineage.git.branch ? ` (${lineage.git.branch})` : ""}
          </span>
        ) : null}
      </DetailRow>
      <DetailRow label="Environment">
        {lineage.environment ? (
          <>
            {lineage.environment.isVisible ? (
              <Link
                className={linkClass}
                href={pages.assetVersion(
                  lineage.environment.scope,
                  "environments",
                  lineage.environment.name,
                  lineage.environment.version,
                )}
              >
                {lineage.environment.name}:{lineage.environment.version}
              </Link>
            ) : (
              <span className="font-mono">
                {lineage.environment.name}:{lineage.environment.version}
              </span>
            )}{" "}
            <span className="text-muted">spec {shortHash(lineage.environment.specHash)}</span>
            {lineage.environment.isVisible ? null : (
              <Elsewhere where={`${lineage.environment.scope.kind} ${lineage.environment.scope.name}`} />
            )}
          </>
        ) : (
          <span className="text-muted">not recorded</span>
        )}
      </DetailRow>
      <DetailRow label="Training data">
        {lineage.data.length ? (
          <ul aria-label="Training data">
            {lineage.data.map((d) => (
              <li key={d.input}>
                <span className="text-muted">{d.input}:</span>{" "}
                {d.fromJob ? (
                  <>
                    output <span className="font-mono">{d.fromJob.output}</span> of{" "}
                    {jobLink(d.fromJob.job, <span className="font-mono">{d.fromJob.job}</span>)}
                  </>
                ) : d.name && d.scope && d.version && d.isVisible ? (
                  <Link className={linkClass} href={pages.assetVersion(d.scope, "data", d.name, d.version)}>
                    {d.name}:{d.version}
                  </Link>
                ) : (
                  <span className="font-mono">
                    {d.name}
                    {d.version ? `:${d.version}` : ""}
                  </span>
                )}{" "}
                <span className="text-muted">content {shortHash(d.hash)}</span>
                {!d.isVisible && d.scope ? <Elsewhere where={`${d.scope.kind} ${d.scope.name}`} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-muted">no data asset inputs</span>
        )}
      </DetailRow>
      {lineage.codeHash ? <DetailRow label="Code snapshot">{shortHash(lineage.codeHash)}</DetailRow> : null}
      <DetailRow label="Captured">{formatDateTime(lineage.capturedAt)}</DetailRow>
    </>
  );
}
