"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select, Textarea } from "@/components/ui/input";
import { createEndpointRequest, type EndpointKeys } from "@/components/endpoints/endpoint-requests";
import { pages } from "@/lib/routes";

/** Creates an endpoint, then shows its two keys once before opening it. */
export function NewEndpointButton({ workspace }: { workspace: string }) {
  const router = useRouter();
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState("");
  const [kind, setKind] = useState("online");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; keys: EndpointKeys } | null>(null);
  const create = async () => {
    setIsBusy(true);
    setError(null);
    const result = await createEndpointRequest(workspace, { name: name.trim(), kind, description });
    setIsBusy(false);
    if (!result.ok) return setError(result.message);
    setCreated({ name: result.value.name, keys: result.value.keys });
  };
  const close = () => {
    setIsOpen(false);
    if (created) router.push(pages.endpoint(workspace, created.name));
  };
  return (
    <>
      <Button variant="primary" onClick={() => setIsOpen(true)}>
        <Plus size={14} aria-hidden /> New endpoint
      </Button>
      <Dialog
        open={isOpen}
        onClose={close}
        title={created ? `Endpoint ${created.name} created` : "New endpoint"}
        description={
          created
            ? "Copy its keys now: they are shown here once (an explicit reveal on the Consume tab shows them again)."
            : "A scoring URL with two keys. Add deployments to it next."
        }
      >
        {created ? (
          <div className="flex flex-col gap-3">
            {(["primaryKey", "secondaryKey"] as const).map((k) => (
              <div key={k} className="flex flex-col gap-1">
                <span className="text-sm font-medium">{k === "primaryKey" ? "Primary key" : "Secondary key"}</span>
                <div className="flex items-center gap-2">
                  <code
                    data-testid={`new-${k}`}
                    className="min-w-0 flex-1 truncate rounded border border-border bg-surface-2 px-2 py-1.5 font-mono text-xs"
                  >
                    {created.keys[k]}
                  </code>
                  <CopyButton
                    text={created.keys[k] ?? ""}
                    label={k === "primaryKey" ? "primary key" : "secondary key"}
                  />
                </div>
              </div>
            ))}
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>
                Open the endpoint
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <Field
              label="Name"
              htmlFor={`${id}-name`}
              error={error}
              hint="3 to 32 letters, digits and '-', starting with a letter; it becomes part of the scoring URL."
            >
              <Input
                id={`${id}-name`}
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={32}
                autoFocus
                required
              />
            </Field>
            <Field
              label="Kind"
              htmlFor={`${id}-kind`}
              hint={
                kind === "online"
                  ? "Answers requests as they come."
                  : "Scores a whole data asset in a job and writes the predictions as a new data asset version."
              }
            >
              <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="online">Online</option>
                <option value="batch">Batch</option>
              </Select>
            </Field>
            <Field label="Description" htmlFor={`${id}-description`}>
              <Textarea
                id={`${id}-description`}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                maxLength={5000}
              />
            </Field>
            <p className="text-xs text-muted">Authentication: key (send one of its two keys as a bearer token).</p>
            <div className="flex justify-end gap-2">
              <Button onClick={() => setIsOpen(false)}>Cancel</Button>
              <Button type="submit" variant="primary" disabled={isBusy}>
                {isBusy ? "Creating…" : "Create"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
