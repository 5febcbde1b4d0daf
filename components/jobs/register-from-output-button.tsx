"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PackagePlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { assetNameSchema } from "@/lib/schemas/common";
import { api, pages } from "@/lib/routes";
import { apiRequest, jsonInit } from "@/components/ui/api-request";

/** Registers the next version of a model from one output folder; the job becomes the model's source. */
export function RegisterFromOutputButton({
  workspace,
  job,
  output,
  suggestedName,
}: {
  workspace: string;
  job: string;
  output: string;
  suggestedName: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const nameCheck = assetNameSchema.safeParse(name);
  const register = async () => {
    if (!nameCheck.success) return setError(nameCheck.error.issues[0]?.message ?? "Check the name.");
    setBusy(true);
    setError(null);
    const result = await apiRequest<{ name: string; version: number }>(
      api.registerModelFromOutput(workspace, job, output),
      jsonInit("POST", { name: nameCheck.data, description }),
      201,
    );
    setBusy(false);
    if (!result.ok) return setError(result.message);
    router.push(
      pages.assetVersion({ kind: "workspace", name: workspace }, "models", result.value.name, result.value.version),
    );
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PackagePlus size={14} aria-hidden /> Register model
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Register model from "${output}"`}
        description="The output's files become the next version of the model, with this job recorded as its source."
      >
        {error ? <Alert title="The model was not registered">{error}</Alert> : null}
        <Field
          label="Model name"
          htmlFor={`register-${output}-name`}
          hint="A new name starts at version 1; an existing one gets its next version."
        >
          <Input
            id={`register-${output}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={255}
          />
        </Field>
        <Field label="Description" htmlFor={`register-${output}-description`}>
          <Textarea
            id={`register-${output}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={5000}
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="primary" onClick={register} disabled={isBusy || !name}>
            {isBusy ? "Registering…" : "Register"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
