"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { Alert } from "@/components/ui/misc";
import { apiGet } from "@/components/ui/api-request";
import { createEndpointRequest } from "@/components/endpoints/endpoint-requests";
import { api, pages } from "@/lib/routes";
import type { EndpointSummaryDto } from "@/lib/schemas/endpoints";
import { queryKeys } from "@/lib/query-keys";

const NEW_ENDPOINT = "";

/**
 * Deploys a model version: pick the workspace (a registry version can go to any workspace the user may
 * write to) and an endpoint, existing or new, then finish on the deployment form with the version chosen.
 */
export function DeployVersionButton({ modelRef, workspaces }: { modelRef: string; workspaces: string[] }) {
  const router = useRouter();
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [workspace, setWorkspace] = useState(workspaces[0] ?? "");
  const [chosen, setChosen] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const endpoints = useQuery({
    queryKey: queryKeys.endpoints.list(workspace),
    queryFn: async () => (await apiGet<{ items: EndpointSummaryDto[] }>(api.endpoints(workspace))).items,
    enabled: isOpen && workspace !== "",
  });
  // Until the user picks, the newest endpoint is proposed (or a new one when there is none).
  const endpoint = chosen ?? endpoints.data?.[0]?.name ?? NEW_ENDPOINT;

  const submit = async () => {
    setError(null);
    if (endpoint !== NEW_ENDPOINT) return router.push(pages.newDeployment(workspace, endpoint, { model: modelRef }));
    setIsBusy(true);
    const created = await createEndpointRequest(workspace, { name: newName.trim(), kind: "online", description: "" });
    setIsBusy(false);
    if (!created.ok) return setError(created.message);
    router.push(pages.newDeployment(workspace, created.value.name, { model: modelRef }));
  };

  if (workspaces.length === 0) return null;
  return (
    <>
      <Button variant="primary" onClick={() => setIsOpen(true)}>
        <Rocket size={14} aria-hidden /> Deploy
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={`Deploy ${modelRef}`}
        description="Choose where it runs; the deployment form opens with this version chosen."
      >
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {error ? <Alert title="Endpoint not created">{error}</Alert> : null}
          {endpoints.error ? <Alert title="Endpoints not loaded">{endpoints.error.message}</Alert> : null}
          <Field label="Workspace" htmlFor={`${id}-workspace`}>
            <Select
              id={`${id}-workspace`}
              value={workspace}
              onChange={(e) => {
                setWorkspace(e.target.value);
                setChosen(null);
              }}
            >
              {workspaces.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Endpoint" htmlFor={`${id}-endpoint`}>
            <Select
              id={`${id}-endpoint`}
              value={endpoint}
              disabled={endpoints.isPending}
              onChange={(e) => setChosen(e.target.value)}
            >
              {(endpoints.data ?? []).map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name} ({e.kind}, {e.deploymentCount} deployment{e.deploymentCount === 1 ? "" : "s"})
                </option>
              ))}
              <option value={NEW_ENDPOINT}>New online endpoint…</option>
            </Select>
          </Field>
          {endpoint === NEW_ENDPOINT ? (
            <Field
              label="New endpoint name"
              htmlFor={`${id}-name`}
              hint="Its keys can be revealed later on the endpoint's Consume tab."
            >
              <Input id={`${id}-name`} value={newName} onChange={(e) => setNewName(e.target.value)} required />
            </Field>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={isBusy || endpoints.isPending}>
              Continue
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
