"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { createPipelineRequest } from "@/components/pipelines/pipeline-requests";
import { pages } from "@/lib/routes";

/** Names a new, empty draft and opens it in the designer. */
export function NewPipelineButton({ workspace }: { workspace: string }) {
  const router = useRouter();
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const create = async () => {
    setIsBusy(true);
    setError(null);
    const result = await createPipelineRequest(workspace, { name });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    router.push(pages.pipeline(workspace, result.value.id));
  };
  return (
    <>
      <Button variant="primary" onClick={() => setIsOpen(true)}>
        <Plus size={14} aria-hidden /> New pipeline
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title="New pipeline"
        description="An empty draft; it opens in the designer and saves itself as you work."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Field label="Name" htmlFor={`${id}-name`} error={error}>
            <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setIsOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={isBusy}>
              {isBusy ? "Creating…" : "Create and open"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
