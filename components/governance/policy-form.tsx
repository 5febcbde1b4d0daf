"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { PolicyDto } from "@/lib/schemas/governance";
import type { ScopeKind } from "@/lib/scopes";
import { StudioForm } from "@/components/ui/studio-form";
import { Field, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

function Check({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** The policy editor: what needs approval, who approves (e-mails and roles, one per line or comma), how many. */
export function PolicyForm({
  kind,
  policy,
  save,
  doneHref,
}: {
  kind: ScopeKind;
  policy: PolicyDto;
  save: (input: unknown) => Promise<ActionResult<unknown>>;
  doneHref: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [value, setValue] = useState({
    ...policy.requireApproval,
    registryAssetsOnly: policy.registryAssetsOnly,
    requireModelCard: policy.requireModelCard,
    approvers: policy.approvers.join(", "),
    minApprovals: String(policy.minApprovals),
  });
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const set = (patch: Partial<typeof value>) => setValue({ ...value, ...patch });
  const submit = () => {
    setError(null);
    startTransition(async () => {
      const result = await save({
        requireApproval: { deploy: value.deploy, traffic: value.traffic, publish: value.publish },
        registryAssetsOnly: value.registryAssetsOnly,
        requireModelCard: value.requireModelCard,
        approvers: value.approvers.split(/[\s,]+/).filter(Boolean),
        minApprovals: Number(value.minApprovals),
      });
      if (!result.ok) return setError(result.error.message);
      toast("Policy saved");
      router.push(doneHref);
      router.refresh();
    });
  };
  return (
    <StudioForm
      label="Approval policy"
      onSubmit={submit}
      error={error}
      errorTitle="The policy was not saved"
      submitLabel="Save policy"
      pendingLabel="Saving…"
      isPending={isPending}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Needs approval</legend>
        {kind === "workspace" ? (
          <>
            <Check
              id="policy-deploy"
              label="Creating a deployment"
              checked={value.deploy}
              onChange={(deploy) => set({ deploy })}
            />
            <Check
              id="policy-traffic"
              label="Changing traffic"
              checked={value.traffic}
              onChange={(traffic) => set({ traffic })}
            />
            <Check
              id="policy-registry-only"
              label="Only registry model versions may be deployed"
              checked={value.registryAssetsOnly}
              onChange={(registryAssetsOnly) => set({ registryAssetsOnly })}
            />
          </>
        ) : (
          <Check
            id="policy-publish"
            label="Publishing a model version here"
            checked={value.publish}
            onChange={(publish) => set({ publish })}
          />
        )}
        <Check
          id="policy-card"
          label="A model card (text and a risk rating) before approval"
          checked={value.requireModelCard}
          onChange={(requireModelCard) => set({ requireModelCard })}
        />
      </fieldset>
      <Field
        label="Approvers"
        htmlFor="policy-approvers"
        hint='Members by e-mail (a reader may approve), or roles: "role:owner", "role:contributor", "role:reader". The requester never approves their own request.'
      >
        <Input id="policy-approvers" value={value.approvers} onChange={(e) => set({ approvers: e.target.value })} />
      </Field>
      <Field label="Approvals needed" htmlFor="policy-min">
        <Input
          id="policy-min"
          type="number"
          min={1}
          max={10}
          value={value.minApprovals}
          onChange={(e) => set({ minApprovals: e.target.value })}
          className="w-24"
        />
      </Field>
    </StudioForm>
  );
}
