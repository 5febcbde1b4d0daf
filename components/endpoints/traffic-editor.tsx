"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { checkTraffic, MAX_MIRROR_PERCENT } from "@/lib/endpoints/traffic";
import { Alert } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { pages } from "@/lib/routes";
import { setTrafficRequest, isHeld } from "@/components/endpoints/endpoint-requests";

type DeploymentTraffic = { name: string; state: string; traffic: number; mirrorTraffic: number; model: string };

/**
 * Sliders for live traffic (whole percents that must add up to 100 over the deployments that take any)
 * and for the mirrored share, checked with the same rules the server applies before anything is sent.
 */
export function TrafficEditor({
  workspace,
  endpoint,
  deployments,
  canEdit,
  isBatch = false,
}: {
  workspace: string;
  endpoint: string;
  deployments: DeploymentTraffic[];
  canEdit: boolean;
  isBatch?: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const initialMirror = deployments.find((d) => d.mirrorTraffic > 0);
  const [traffic, setTraffic] = useState<Record<string, number>>(() =>
    Object.fromEntries(deployments.map((d) => [d.name, d.traffic])),
  );
  const [mirrorTo, setMirrorTo] = useState(initialMirror?.name ?? "");
  const [mirrorPercent, setMirrorPercent] = useState(initialMirror?.mirrorTraffic ?? 10);
  const [reason, setReason] = useState("");
  const [serverError, setServerError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const mirror = mirrorTo ? { deployment: mirrorTo, percent: mirrorPercent } : null;
  const total = Object.values(traffic).reduce((a, b) => a + b, 0);
  const check = checkTraffic(
    deployments.map((d) => d.name),
    { traffic, mirror },
  );
  const notReady = deployments.filter((d) => (traffic[d.name] ?? 0) > 0 && d.state !== "succeeded").map((d) => d.name);
  const isChanged =
    deployments.some((d) => (traffic[d.name] ?? 0) !== d.traffic) ||
    (initialMirror?.name ?? "") !== mirrorTo ||
    (mirror !== null && mirror.percent !== (initialMirror?.mirrorTraffic ?? -1));
  const problems = [
    ...(check.ok ? [] : check.errors),
    ...(notReady.length ? [`Only a deployment that succeeded can take traffic (${notReady.join(", ")}).`] : []),
  ];

  const save = async () => {
    setIsBusy(true);
    setServerError(null);
    const result = await setTrafficRequest(workspace, endpoint, {
      traffic,
      mirror,
      reason: reason.trim() || undefined,
    });
    setIsBusy(false);
    if (!result.ok) return setServerError(result.message);
    setReason("");
    if (isHeld(result.value)) {
      const { promotion } = result.value;
      toast(`Sent for approval as request #${promotion.number}: the traffic changes once it is approved`);
      router.push(pages.promotion(promotion.scope, promotion.id));
      return;
    }
    toast("Traffic updated");
    router.refresh();
  };

  if (deployments.length === 0)
    return <p className="text-sm text-muted">Traffic goes to deployments; add one first.</p>;
  return (
    <form
      aria-label="Traffic"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex flex-col gap-2">
        {deployments.map((d) => (
          <div key={d.name} className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)_auto] items-center gap-3 text-sm">
            <label htmlFor={`${id}-${d.name}`} className="truncate font-medium" title={`${d.name} · ${d.model}`}>
              {d.name}
            </label>
            <input
              id={`${id}-${d.name}`}
              type="range"
              min={0}
              max={100}
              step={1}
              value={traffic[d.name] ?? 0}
              disabled={!canEdit}
              aria-label={`Traffic to ${d.name} (percent)`}
              onChange={(e) => setTraffic({ ...traffic, [d.name]: Number(e.target.value) })}
              className="w-full min-w-0 accent-[var(--accent)]"
            />
            <div className="flex items-center gap-1">
              <Input
                type="number"
                min={0}
                max={100}
                value={traffic[d.name] ?? 0}
                disabled={!canEdit}
                aria-label={`Traffic to ${d.name}, percent`}
                onChange={(e) =>
                  setTraffic({
                    ...traffic,
                    [d.name]: Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))),
                  })
                }
                className="h-8 w-16 px-1.5 text-right"
              />
              <span className="text-muted">%</span>
            </div>
          </div>
        ))}
        <p
          className={total === 100 || total === 0 ? "text-xs text-muted" : "text-xs font-medium text-danger"}
          aria-live="polite"
        >
          Total live traffic: {total}%{total === 0 ? " (no deployment answers unless a caller names one)" : ""}
        </p>
      </div>
      {isBatch ? (
        <p className="text-xs text-muted">A batch job runs the deployment with 100% unless it names another.</p>
      ) : null}
      <fieldset
        hidden={isBatch}
        className="flex flex-wrap items-center gap-3 rounded-md border border-border p-3 text-sm"
      >
        <legend className="px-1 text-sm font-medium">Mirrored traffic</legend>
        <label htmlFor={`${id}-mirror-to`} className="text-muted">
          Copy requests to
        </label>
        <div className="w-44">
          <Select
            id={`${id}-mirror-to`}
            value={mirrorTo}
            onChange={(e) => setMirrorTo(e.target.value)}
            disabled={!canEdit}
            className="h-8"
          >
            <option value="">No mirror</option>
            {deployments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </Select>
        </div>
        {mirrorTo ? (
          <>
            <input
              type="range"
              min={1}
              max={MAX_MIRROR_PERCENT}
              value={mirrorPercent}
              disabled={!canEdit}
              aria-label="Mirrored share (percent)"
              onChange={(e) => setMirrorPercent(Number(e.target.value))}
              className="w-40 accent-[var(--accent)]"
            />
            <span className="w-10">{mirrorPercent}%</span>
            <span className="text-xs text-muted">
              Its answers are discarded; its errors are counted on the Monitoring tab.
            </span>
          </>
        ) : null}
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
            <span className="font-medium">Why (kept in the history)</span>
            <Input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder="e.g. Safe rollout of v2: 10% first"
            />
          </label>
          <Button type="submit" variant="primary" disabled={isBusy || !isChanged || problems.length > 0}>
            {isBusy ? "Saving…" : "Save traffic"}
          </Button>
        </div>
      ) : null}
      {problems.length > 0 && isChanged ? (
        <Alert tone="warning" title="This traffic cannot be saved yet">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {serverError ? <Alert>{serverError}</Alert> : null}
    </form>
  );
}
