"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { MonitorDto } from "@/lib/schemas/monitors";
import { DRIFT_METRICS } from "@/lib/monitoring/stats/methods";
import { pages } from "@/lib/routes";
import { Alert, Card } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/input";

// A monitor in full: what it watches, its baseline, its window, its signals' thresholds and its schedule.
// Everything starts at the defaults the one-click monitor uses, so only what differs needs changing.

export type MonitorFormChoices = {
  endpoints: { name: string; kind: string; deployments: string[] }[];
  /** CSV data versions ("iris:1", "registries/shared/iris:1"). */
  data: string[];
};

const METHODS = [
  { id: "default", label: "Default: normalized Wasserstein for numbers, Jensen–Shannon for categories" },
  { id: "auto", label: "Auto: KS / chi-squared below 1,000 baseline rows, distances above" },
  ...DRIFT_METRICS.map((m) => ({ id: m, label: m.replaceAll("_", " ") })),
];

const num = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function MonitorForm({
  workspace,
  choices,
  initial,
  existing,
  create,
}: {
  workspace: string;
  choices: MonitorFormChoices;
  initial: { endpoint?: string; deployment?: string };
  /** Editing a monitor: its definition fills the form, and what it watches and its name stay. */
  existing?: MonitorDto;
  create: (input: unknown) => Promise<ActionResult<{ name: string }>>;
}) {
  const signals = existing?.signals;
  const was = existing?.baseline;
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const firstEndpoint =
    choices.endpoints.find((e) => e.name === (existing?.endpoint ?? initial.endpoint)) ?? choices.endpoints[0];
  const [endpoint, setEndpoint] = useState(firstEndpoint?.name ?? "");
  const deployments = choices.endpoints.find((e) => e.name === endpoint)?.deployments ?? [];
  const wanted = existing?.deployment ?? initial.deployment;
  const [deployment, setDeployment] = useState(
    wanted && deployments.includes(wanted) ? wanted : (deployments[0] ?? ""),
  );
  const [name, setName] = useState("");
  const [baselineKind, setBaselineKind] = useState<"data" | "window">(
    was?.kind ?? (choices.data.length ? "data" : "window"),
  );
  const [data, setData] = useState(was?.kind === "data" ? was.data : (choices.data[0] ?? ""));
  const [targetColumn, setTargetColumn] = useState(was?.kind === "data" ? (was.targetColumn ?? "") : "");
  const [baselineWindow, setBaselineWindow] = useState(was?.kind === "window" ? was.window : "P7D");
  const [offset, setOffset] = useState(was?.kind === "window" ? was.offset : "");
  const [window, setWindow] = useState(existing?.window ?? "P1D");
  const [method, setMethod] = useState<string>(signals?.dataDrift.method ?? "default");
  const [numericalThreshold, setNumericalThreshold] = useState(
    String(signals?.dataDrift.thresholds.normalized_wasserstein_distance ?? 0.1),
  );
  const [categoricalThreshold, setCategoricalThreshold] = useState(
    String(signals?.dataDrift.thresholds.jensen_shannon_distance ?? 0.1),
  );
  const [learned, setLearned] = useState(signals?.dataDrift.learnedThreshold ?? false);
  const [qualityThreshold, setQualityThreshold] = useState(
    String(signals?.dataQuality.thresholds.out_of_bounds_rate ?? 0),
  );
  const [accuracy, setAccuracy] = useState(String(signals?.modelPerformance.thresholds.accuracy ?? 0.9));
  const [cron, setCron] = useState("15 3 * * *");
  const [isScheduled, setIsScheduled] = useState(true);

  const submit = () => {
    const quality = Number(qualityThreshold);
    const definition = {
      baseline:
        baselineKind === "data"
          ? { data, ...(targetColumn.trim() ? { targetColumn: targetColumn.trim() } : {}) }
          : { window: baselineWindow, ...(offset.trim() ? { offset: offset.trim() } : {}) },
      window,
      signals: {
        dataDrift: {
          method,
          learnedThreshold: learned,
          thresholds: {
            ...(num(numericalThreshold) !== undefined
              ? { normalized_wasserstein_distance: num(numericalThreshold) }
              : {}),
            ...(num(categoricalThreshold) !== undefined ? { jensen_shannon_distance: num(categoricalThreshold) } : {}),
          },
        },
        dataQuality: {
          thresholds: { null_value_rate: quality, data_type_error_rate: quality, out_of_bounds_rate: quality },
        },
        modelPerformance: { thresholds: num(accuracy) !== undefined ? { accuracy: num(accuracy) } : {} },
      },
    };
    const input = existing
      ? definition
      : {
          endpoint,
          deployment,
          ...(name.trim() ? { name: name.trim() } : {}),
          ...definition,
          schedule: isScheduled ? { cron, timeZone: "UTC" } : null,
        };
    setError(null);
    startTransition(async () => {
      const result = await create(input);
      if (!result.ok) return setError(result.error.message);
      router.push(pages.monitor(workspace, result.data.name));
    });
  };

  return (
    <form
      className="flex max-w-3xl flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {existing ? (
        <p className="text-sm text-muted">
          Watches {existing.endpoint}/{existing.deployment}. A changed baseline is read afresh at the next run.
        </p>
      ) : (
        <Card title="What it watches">
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Endpoint" htmlFor="monitor-endpoint">
              <Select
                id="monitor-endpoint"
                value={endpoint}
                onChange={(e) => {
                  setEndpoint(e.target.value);
                  setDeployment(choices.endpoints.find((x) => x.name === e.target.value)?.deployments[0] ?? "");
                }}
              >
                {choices.endpoints.map((e) => (
                  <option key={e.name} value={e.name}>
                    {e.name} ({e.kind})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Deployment" htmlFor="monitor-deployment">
              <Select id="monitor-deployment" value={deployment} onChange={(e) => setDeployment(e.target.value)}>
                {deployments.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Name" htmlFor="monitor-name" hint={`Default: ${endpoint}-${deployment}`}>
              <Input id="monitor-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
            </Field>
          </div>
        </Card>
      )}
      <Card title="Compared with">
        <div role="radiogroup" aria-label="Baseline" className="mb-3 flex flex-wrap gap-x-5 gap-y-2">
          {(
            [
              ["data", "A data asset version (the training data)"],
              ["window", "An earlier window of its own traffic"],
            ] as const
          ).map(([id, label]) => (
            <label key={id} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="monitor-baseline"
                checked={baselineKind === id}
                onChange={() => setBaselineKind(id)}
              />
              {label}
            </label>
          ))}
        </div>
        {baselineKind === "data" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Data" htmlFor="monitor-data">
              <Select id="monitor-data" value={data} onChange={(e) => setData(e.target.value)}>
                {choices.data.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Target column (left out of the features)"
              htmlFor="monitor-target"
              hint="Found by itself when the requests hold one value fewer than the data's columns."
            >
              <Input id="monitor-target" value={targetColumn} onChange={(e) => setTargetColumn(e.target.value)} />
            </Field>
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Baseline window (ISO 8601)" htmlFor="monitor-baseline-window">
              <Input
                id="monitor-baseline-window"
                value={baselineWindow}
                onChange={(e) => setBaselineWindow(e.target.value)}
              />
            </Field>
            <Field
              label="Ending this long before the production window's end"
              htmlFor="monitor-offset"
              hint="Default: twice the production window."
            >
              <Input id="monitor-offset" value={offset} onChange={(e) => setOffset(e.target.value)} placeholder="P2D" />
            </Field>
          </div>
        )}
      </Card>
      <Card title="Signals">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Production window (ISO 8601)" htmlFor="monitor-window" hint="P1D, PT6H, P7D…">
            <Input id="monitor-window" value={window} onChange={(e) => setWindow(e.target.value)} />
          </Field>
          <Field label="Drift metric" htmlFor="monitor-method">
            <Select id="monitor-method" value={method} onChange={(e) => setMethod(e.target.value)}>
              {METHODS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Normalized Wasserstein threshold" htmlFor="monitor-nw">
            <Input
              id="monitor-nw"
              type="number"
              step="any"
              min={0}
              value={numericalThreshold}
              onChange={(e) => setNumericalThreshold(e.target.value)}
            />
          </Field>
          <Field label="Jensen–Shannon threshold" htmlFor="monitor-js">
            <Input
              id="monitor-js"
              type="number"
              step="any"
              min={0}
              max={1}
              value={categoricalThreshold}
              onChange={(e) => setCategoricalThreshold(e.target.value)}
            />
          </Field>
          <Field label="Data-quality rates at most" htmlFor="monitor-quality" hint="Nulls, type errors, out of bounds.">
            <Input
              id="monitor-quality"
              type="number"
              step="any"
              min={0}
              max={1}
              value={qualityThreshold}
              onChange={(e) => setQualityThreshold(e.target.value)}
            />
          </Field>
          <Field label="Accuracy at least" htmlFor="monitor-accuracy" hint="Against labels sent to the feedback API.">
            <Input
              id="monitor-accuracy"
              type="number"
              step="any"
              min={0}
              max={1}
              value={accuracy}
              onChange={(e) => setAccuracy(e.target.value)}
            />
          </Field>
        </div>
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={learned} onChange={(e) => setLearned(e.target.checked)} />
          Learn the drift thresholds from the baseline itself (mean + 3 standard deviations over ten chunks)
        </label>
      </Card>
      {existing ? null : (
        <Card title="When it runs">
          <label className="mb-3 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={isScheduled} onChange={(e) => setIsScheduled(e.target.checked)} />
            On a schedule (a first run starts now either way)
          </label>
          {isScheduled ? (
            <Field label="Cron (UTC)" htmlFor="monitor-cron" className="sm:max-w-xs">
              <Input id="monitor-cron" value={cron} onChange={(e) => setCron(e.target.value)} className="font-mono" />
            </Field>
          ) : null}
        </Card>
      )}
      {error ? <Alert>{error}</Alert> : null}
      <div>
        <Button type="submit" variant="primary" disabled={isPending || !deployment}>
          {isPending ? "Saving…" : existing ? "Save" : "Create monitor"}
        </Button>
      </div>
    </form>
  );
}
