"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Share2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { useToast } from "@/components/ui/toast";
import type { VersionTarget } from "@/components/models/version-editors";
import type { ActionResult } from "@/lib/action-result";
import { pages } from "@/lib/routes";
import { ASSET_SEGMENT, type AssetKind } from "@/lib/schemas/assets";

/** A server action that shares the version (bound to it on the page) into a registry. */
export type ShareVersion = (
  registry: string,
  targetName: string,
  reason: string,
) => Promise<ActionResult<{ registry: string; name: string; version: number }>>;

/** "Share to registry": copies the version's metadata into a registry, recording where it came from. */
export function ShareAssetButton({
  kind,
  target,
  registries,
  share,
}: {
  kind: AssetKind;
  target: VersionTarget;
  registries: string[];
  share: ShareVersion;
}) {
  const router = useRouter();
  const toast = useToast();
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const label = `${target.name}:${target.version}`;
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Share2 size={14} aria-hidden /> Share to registry
      </Button>
      <Dialog
        open={isOpen}
        onClose={close}
        title={`Share ${label} to a registry`}
        description={
          kind === "data"
            ? "The registry gets a new version with the same files (the bytes are not copied), its profile, and a record of where it came from."
            : "The registry gets a new version with the same definition and a record of where it came from."
        }
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            startTransition(async () => {
              const result = await share(
                String(form.get("registry")),
                String(form.get("targetName") ?? ""),
                String(form.get("reason") ?? ""),
              );
              if (!result.ok) return setError(result.error.message);
              close();
              toast(`Shared as ${result.data.name}:${result.data.version} in registry ${result.data.registry}`);
              router.push(
                pages.assetVersion(
                  { kind: "registry", name: result.data.registry },
                  ASSET_SEGMENT[kind],
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
              {registries.map((r) => (
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
    </>
  );
}
