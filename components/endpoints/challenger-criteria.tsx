"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Check, X } from "lucide-react";
import type { EndpointComparison } from "@/lib/monitoring/comparison";
import { Badge } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { apiRequest, jsonInit } from "@/components/ui/api-request";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format";
import { api } from "@/lib/routes";
import { queryKeys } from "@/lib/query-keys";

// The challenger's promotion criteria: each one checked with what the comparison shows, whether they all
// hold (and since when), and for contributors a small form to set them.

export function ChallengerCriteria({
  workspace,
  endpoint,
  criteria,
  kind,
  canEdit,
}: {
  workspace: string;
  endpoint: string;
  criteria: EndpointComparison["criteria"];
  kind: EndpointComparison["kind"];
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const def = criteria?.definition;
  const [window, setWindow] = useState(def?.window ?? "P1D");
  const [minCompared, setMinCompared] = useState(String(def?.minCompared ?? 200));
  const [target, setTarget] = useState(
    String(kind === "regression" ? (def?.maxMae ?? "") : def?.minAgreement !== undefined ? def.minAgreement * 100 : 95),
  );
  const save = async (body: unknown) => {
    setError(null);
    const result = await apiRequest(api.challengerCriteria(workspace, endpoint), jsonInit("PUT", body), 200);
    if (!result.ok) return setError(result.message);
    setIsEditing(false);
    toast(body === null ? "Promotion criteria cleared" : "Promotion criteria saved");
    await queryClient.invalidateQueries({ queryKey: queryKeys.endpoints.comparisons(workspace, endpoint) });
  };
  return (
    <section aria-label="Promotion criteria" className="flex flex-col gap-2 rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-medium">Promotion criteria</h3>
        {criteria ? (
          criteria.metAt ? (
            <Badge tone="success">meets criteria since {formatDateTime(criteria.metAt)}</Badge>
          ) : criteria.meets ? (
            <Badge tone="success">meets criteria</Badge>
          ) : (
            <Badge tone="warning">does not meet criteria</Badge>
          )
        ) : (
          <span className="text-xs text-muted">none set</span>
        )}
        {canEdit && !isEditing ? (
          <Button size="sm" className="ml-auto" onClick={() => setIsEditing(true)}>
            {criteria ? "Change" : "Set criteria"}
          </Button>
        ) : null}
      </div>
      {criteria ? (
        <ul className="flex flex-col gap-1 text-sm">
          {criteria.checks.map((c) => (
            <li key={c.name} className="flex items-center gap-2">
              {c.isMet ? (
                <Check size={14} className="text-success" aria-label="met" />
              ) : (
                <X size={14} className="text-danger" aria-label="not met" />
              )}
              <span>
                {c.name}: {c.actual} (needs {c.required})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {isEditing ? (
        <form
          className="grid gap-3 sm:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            const value = Number(target);
            void save({
              window,
              minCompared: Number(minCompared),
              ...(kind === "regression" ? { maxMae: value } : { minAgreement: value / 100 }),
              errorRateAtMostLive: true,
            });
          }}
        >
          <Field label="Window" htmlFor="criteria-window">
            <Input id="criteria-window" value={window} onChange={(e) => setWindow(e.target.value)} />
          </Field>
          <Field label="Compared rows at least" htmlFor="criteria-compared">
            <Input
              id="criteria-compared"
              type="number"
              min={1}
              value={minCompared}
              onChange={(e) => setMinCompared(e.target.value)}
            />
          </Field>
          <Field label={kind === "regression" ? "MAE at most" : "Agreement at least (%)"} htmlFor="criteria-target">
            <Input
              id="criteria-target"
              type="number"
              step="any"
              min={0}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          </Field>
          <div className="flex items-end gap-2">
            <Button type="submit" variant="primary">
              Save
            </Button>
            {criteria ? <Button onClick={() => void save(null)}>Clear</Button> : null}
            <Button onClick={() => setIsEditing(false)}>Cancel</Button>
          </div>
          <p className="text-xs text-muted sm:col-span-4">
            The challenger must also fail no more often than the live deployment. When all hold, the studio records an
            endpoint.challenger.criteria_met event (checked each minute), which rules and webhooks can answer.
          </p>
        </form>
      ) : null}
      {error ? <p className="text-sm text-danger">{error}</p> : null}
    </section>
  );
}
