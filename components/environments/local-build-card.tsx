import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { planEnvironmentBuild, pythonRequestLabel, type EnvironmentSpecText } from "@/lib/environments/build-plan";
import { pages } from "@/lib/routes";
import { Alert, Card } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import type { EnvironmentBuildSummary } from "@/lib/schemas/runtime";

/** What local compute makes of an environment (what it installs, or why it cannot), and its latest builds here. */
export function LocalBuildCard({
  spec,
  workspace,
  builds,
}: {
  spec: EnvironmentSpecText;
  workspace: string | null;
  builds: EnvironmentBuildSummary[];
}) {
  const plan = planEnvironmentBuild(spec);
  return (
    <Card title="On local compute">
      {plan.kind === "refused" ? (
        <Alert tone="danger">Jobs that name it are refused here: {plan.message}</Alert>
      ) : plan.kind === "none" ? (
        <p className="text-sm">Nothing is built: {plan.why}.</p>
      ) : (
        <p className="text-sm">
          Built once per workspace as a Python virtual environment
          {plan.python ? ` on ${pythonRequestLabel(plan.python)}` : ""}
          {plan.requirements.length ? (
            <>
              {" "}
              with <span className="font-mono text-xs">{plan.requirements.join(", ")}</span>
            </>
          ) : (
            " with no packages of its own"
          )}
          , then shared by the jobs and deployments that name it.
        </p>
      )}
      {workspace && builds.length ? (
        <div className="mt-3">
          <Table aria-label="Builds">
            <thead>
              <Tr>
                <Th>Build job</Th>
                <Th>Status</Th>
                <Th>Started</Th>
              </Tr>
            </thead>
            <tbody>
              {builds.map((b) => (
                <Tr key={b.job}>
                  <Td>
                    <Link className="font-mono text-xs text-accent hover:underline" href={pages.job(workspace, b.job)}>
                      {b.job}
                    </Link>
                    {b.failureReason ? <div className="text-xs text-danger">{b.failureReason}</div> : null}
                  </Td>
                  <Td>
                    <JobStatusBadge status={b.status} />
                  </Td>
                  <Td className="text-xs">{b.startedAt ? formatDateTime(b.startedAt) : "—"}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : workspace && plan.kind === "build" ? (
        <p className="mt-2 text-xs text-muted">Not built here yet: the first job that names it builds it.</p>
      ) : null}
    </Card>
  );
}
