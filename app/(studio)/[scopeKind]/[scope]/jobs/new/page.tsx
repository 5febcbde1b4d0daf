import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { roleAllows } from "@/lib/permissions";
import { pages } from "@/lib/routes";
import { env } from "@/server/env";
import { loadScopePage, orNotFound } from "@/server/http/pages";
import { getJob } from "@/server/jobs/get-job";
import { cloneFormValues, isClonable } from "@/lib/job-clone";
import { getSubmitOptions } from "@/server/jobs/submit-options";
import { Alert, Card, PageHeader } from "@/components/ui/misc";
import { SubmitJobForm } from "@/components/jobs/submit-job-form";
import { RunExampleButton } from "@/components/jobs/run-example-button";

export const metadata: Metadata = { title: "Submit job" };

/** A new command job; with `?from=<job>`, a clone of that job (Edit and re-run): the form starts from its settings. */
export default async function NewJobPage({
  params,
  searchParams,
}: {
  params: Promise<{ scopeKind: string; scope: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const { actor, scope, ref } = await loadScopePage(await params);
  if (ref.kind !== "workspace") notFound();
  const { from } = await searchParams;
  const source = from ? await orNotFound(getJob(actor, ref.name, from)) : null;
  if (source && !isClonable(source)) notFound();
  const options = await getSubmitOptions(actor, ref.name);
  const canWrite = roleAllows(scope.role, "write");
  return (
    <>
      <PageHeader
        title={source ? `Edit and re-run ${source.displayName}` : "Submit a command job"}
        breadcrumbs={
          <>
            <Link href={pages.jobs(ref.name)} className="hover:underline">
              Jobs
            </Link>
            {source ? (
              <>
                {" "}
                /{" "}
                <Link href={pages.job(ref.name, source.name)} className="hover:underline">
                  {source.displayName}
                </Link>
              </>
            ) : null}
          </>
        }
        subtitle={
          source
            ? `A new job with the settings of ${source.name}: change what you want and submit. The original is kept as it is.`
            : `In workspace ${scope.displayName}, on local compute`
        }
      />
      {canWrite ? (
        <div className="flex flex-col gap-6">
          {source ? null : (
            <Card title="Try the example">
              <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
                <p className="max-w-xl text-muted">
                  Trains a classifier on the iris dataset, logging loss and accuracy per epoch, and writes the model to
                  its <span className="font-mono">model</span> output, ready to register.
                  {options.hasSklearn
                    ? " It uses scikit-learn."
                    : " This machine's Python has no scikit-learn, so the JavaScript version runs."}
                </p>
                <RunExampleButton workspace={ref.name} />
              </div>
            </Card>
          )}
          <Alert tone="info" title="Local compute">
            Jobs run on this machine, sandboxed, with its own programs. An environment&apos;s pip packages are installed
            in a virtual environment built for it (once, then reused).{" "}
            {options.python ? (
              <>
                In a command, <span className="font-mono">python</span> and <span className="font-mono">python3</span>{" "}
                mean <span className="font-mono">{options.python}</span> (set STUDIO_PYTHON to change it).
              </>
            ) : (
              "No python3 was found on this machine (set STUDIO_PYTHON)."
            )}
          </Alert>
          <SubmitJobForm
            workspace={ref.name}
            maxBytes={env.STUDIO_MAX_UPLOAD_BYTES}
            environments={options.environments}
            dataAssets={options.dataAssets}
            initial={source ? cloneFormValues(source) : undefined}
          />
        </div>
      ) : (
        <Alert tone="warning">
          Your role in this workspace is {scope.role}; submitting jobs needs contributor or owner.
        </Alert>
      )}
    </>
  );
}
