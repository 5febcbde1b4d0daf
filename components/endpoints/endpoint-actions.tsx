"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ActionMenu } from "@/components/ui/menu";
import { Alert } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { deleteEndpointRequest } from "@/components/endpoints/endpoint-requests";
import { pages } from "@/lib/routes";

/** The endpoint's `…` menu: delete it (its deployments and their instances go with it). */
export function EndpointActions({ workspace, endpoint }: { workspace: string; endpoint: string }) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const result = await deleteEndpointRequest(workspace, endpoint);
    if (!result.ok) return setError(result.message);
    toast(`Endpoint ${endpoint} deleted`);
    router.push(pages.endpoints(workspace));
    router.refresh();
  };
  return (
    <>
      <ActionMenu
        label={`Actions for endpoint ${endpoint}`}
        items={[{ label: "Delete endpoint", isDanger: true, onSelect: () => setIsOpen(true) }]}
      />
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={`Delete endpoint ${endpoint}?`}
        description="Its deployments stop serving at once, and its keys, logs, counters and collected requests are deleted."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void remove();
          }}
        >
          <Field label={`Type ${endpoint} to confirm`} htmlFor={`${id}-confirm`}>
            <Input
              id={`${id}-confirm`}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="off"
            />
          </Field>
          {error ? <Alert>{error}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setIsOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={confirm !== endpoint}>
              Delete endpoint
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
