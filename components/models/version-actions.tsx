"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { Archive, ArchiveRestore, Download, Share2, Trash2 } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { useToast } from "@/components/ui/toast";
import type { VersionTarget } from "@/components/models/version-editors";
import type { ShareVersion } from "@/components/assets/share-asset-button";
import type { ActionResult } from "@/lib/action-result";
import type { UpdateModelVersionInput } from "@/lib/schemas/models";
import { pages } from "@/lib/routes";

/** The model version page's server actions, bound to the version. */
export type ModelVersionActions = {
  update: (change: UpdateModelVersionInput) => Promise<ActionResult<unknown>>;
  publish: ShareVersion;
  remove: (reason: string) => Promise<ActionResult<unknown>>;
};

export function VersionActions({
  target,
  actions,
  downloadUrl,
  isArchived,
  canWrite,
  publishableRegistries,
  deploy,
}: {
  target: VersionTarget;
  actions: ModelVersionActions;
  downloadUrl: string;
  isArchived: boolean;
  canWrite: boolean;
  publishableRegistries: string[];
  /** The Deploy button, when this version may be deployed somewhere by this user. */
  deploy?: ReactNode;
}) {
  const router = useRouter();
  const toast = useToast();
  const [dialog, setDialog] = useState<"share" | "delete" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const close = () => {
    setDialog(null);
    setError(null);
  };
  const label = `${target.name}:${target.version}`;

  return (
    <>
      {deploy}
      <a href={downloadUrl} className={buttonClass("secondary")} download>
        <Download size={14} aria-hidden /> Download all
      </a>
      {target.scope.kind === "workspace" && publishableRegistries.length > 0 ? (
        <Button onClick={() => setDialog("share")}>
          <Share2 size={14} aria-hidden /> Share to registry
        </Button>
      ) : null}
      {canWrite ? (
        <>
          <Button
            disabled={isPending}
            onClick={() =>
              startTransition(async () => {
                const result = await actions.update({ isArchived: !isArchived });
                if (!result.ok) return toast(result.error.message, "error");
                toast(isArchived ? `${label} restored` : `${label} archived`);
                router.refresh();
              })
            }
          >
            {isArchived ? <ArchiveRestore size={14} aria-hidden /> : <Archive size={14} aria-hidden />}{" "}
            {isArchived ? "Restore" : "Archive"}
          </Button>
          <Button variant="danger" onClick={() => setDialog("delete")}>
            <Trash2 size={14} aria-hidden /> Delete
          </Button>
        </>
      ) : null}

      <Dialog
        open={dialog === "share"}
        onClose={close}
        title={`Share ${label} to a registry`}
        description="The registry gets a new version with the same files (the bytes are not copied) and a record of where it came from."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            startTransition(async () => {
              const result = await actions.publish(
                String(form.get("registry")),
                String(form.get("targetName")),
                String(form.get("reason") ?? ""),
              );
              if (!result.ok && result.error.code === "approval_required" && result.error.link) {
                close();
                toast(result.error.message);
                return router.push(result.error.link);
              }
              if (!result.ok) return setError(result.error.message);
              close();
              toast(`Shared as ${result.data.name}:${result.data.version} in registry ${result.data.registry}`);
              router.push(
                pages.assetVersion(
                  { kind: "registry", name: result.data.registry },
                  "models",
                  result.data.name,
                  result.data.version,
                ),
              );
            });
          }}
        >
          {error ? <Alert>{error}</Alert> : null}
          <Field label="Registry" htmlFor="share-registry">
            <Select id="share-registry" name="registry">
              {publishableRegistries.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Name in the registry" htmlFor="share-name">
            <Input id="share-name" name="targetName" defaultValue={target.name} required />
          </Field>
          <Field
            label="Reason"
            htmlFor="share-reason"
            hint="Recorded with the registry version and in the activity log."
          >
            <Textarea id="share-reason" name="reason" required maxLength={1000} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={isPending}>
              Share
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={dialog === "delete"}
        onClose={close}
        title={`Delete ${label}?`}
        description="The version and its file list are removed. Its number is never reused."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            startTransition(async () => {
              const result = await actions.remove(String(form.get("reason") ?? ""));
              if (!result.ok) return setError(result.error.message);
              close();
              toast(`${label} deleted`);
              router.push(pages.assets(target.scope, "models"));
            });
          }}
        >
          {error ? <Alert title="Not deleted">{error}</Alert> : null}
          <Field label="Reason (optional)" htmlFor="delete-reason">
            <Input id="delete-reason" name="reason" maxLength={1000} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={isPending}>
              Delete version
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
