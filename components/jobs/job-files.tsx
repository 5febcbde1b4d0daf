import { Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/misc";
import { StoredFilesTable } from "@/components/files/stored-files-table";
import { api } from "@/lib/routes";
import type { JobFileDto } from "@/lib/schemas/dto";
import { RegisterFromOutputButton } from "@/components/jobs/register-from-output-button";

/** Each output folder with its files, a zip download and "Register model" (for completed jobs). */
export function JobOutputs({
  workspace,
  job,
  status,
  outputs,
  canWrite,
  modelNameHint,
}: {
  workspace: string;
  job: string;
  status: string;
  outputs: { name: string; files: JobFileDto[] }[];
  canWrite: boolean;
  modelNameHint: string;
}) {
  if (!outputs.length)
    return (
      <EmptyState title="This job declares no outputs">
        Outputs are folders named when the job is submitted; the runner collects their files when the command ends.
      </EmptyState>
    );
  return (
    <div className="flex flex-col gap-4">
      {outputs.map((o) => (
        <Card
          key={o.name}
          title={`Output: ${o.name}`}
          actions={
            o.files.length ? (
              <div className="flex gap-2">
                <a
                  href={api.jobOutputDownload(workspace, job, o.name)}
                  className={buttonClass("secondary", "sm")}
                  download
                >
                  <Download size={14} aria-hidden /> Download zip
                </a>
                {canWrite && status === "completed" ? (
                  <RegisterFromOutputButton
                    workspace={workspace}
                    job={job}
                    output={o.name}
                    suggestedName={modelNameHint}
                  />
                ) : null}
              </div>
            ) : null
          }
        >
          {o.files.length ? (
            <StoredFilesTable
              files={o.files}
              label={`Files of output ${o.name}`}
              fileUrl={(p) => api.jobOutputFile(workspace, job, o.name, p)}
            />
          ) : (
            <p className="text-sm text-muted">
              {["waiting", "queued", "running"].includes(status)
                ? "Files are collected when the job ends."
                : "The job wrote no files here."}
            </p>
          )}
        </Card>
      ))}
    </div>
  );
}

/** The code snapshot the job ran, browsable file by file and as a zip. */
export function JobCode({ workspace, job, files }: { workspace: string; job: string; files: JobFileDto[] }) {
  if (!files.length)
    return (
      <EmptyState title="No code snapshot">
        This job was submitted without a code folder (or logged from outside the studio).
      </EmptyState>
    );
  return (
    <Card
      title="Code snapshot"
      actions={
        <a href={api.jobCodeDownload(workspace, job)} className={buttonClass("secondary", "sm")} download>
          <Download size={14} aria-hidden /> Download zip
        </a>
      }
    >
      <StoredFilesTable files={files} label="Code files" fileUrl={(p) => api.jobCodeFile(workspace, job, p)} />
    </Card>
  );
}
