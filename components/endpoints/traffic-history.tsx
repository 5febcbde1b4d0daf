import Link from "next/link";
import { formatDateTimeSeconds } from "@/lib/format";
import { pages } from "@/lib/routes";
import type { ServedModelDto, TrafficAtDto, TrafficChangeDto } from "@/lib/schemas/endpoints";
import { Alert, Card } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A served model named so it cannot be mistaken: its registry or workspace, name and version, as a link. */
export function ServedModel({ model }: { model: ServedModelDto | null }) {
  if (!model) return <span className="text-muted">unknown model</span>;
  return (
    <Link
      className="text-accent hover:underline"
      href={pages.assetVersion(model.scope, "models", model.name, model.version)}
    >
      {model.scope.kind} {model.scope.name} / {model.name}:{model.version}
    </Link>
  );
}

function Deployment({ name, exists }: { name: string; exists: boolean }) {
  return (
    <>
      <span className="font-medium">{name}</span>
      {exists ? null : <span className="text-muted"> (deleted)</span>}
    </>
  );
}

/** "What served traffic at …": a UTC instant picker and the split in force then. */
export function TrafficAtPanel({
  action,
  value,
  answer,
  error,
}: {
  /** The page the form submits to (GET, with `at`). */
  action: string;
  value: string;
  answer: TrafficAtDto | null;
  error: string | null;
}) {
  return (
    <Card title="What served traffic when">
      <form action={action} method="get" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-muted">Instant (UTC)</span>
          <Input type="datetime-local" name="at" step={1} defaultValue={value} required aria-label="Instant (UTC)" />
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {answer ? (
        <div className="mt-3 text-sm" aria-label="Traffic at the instant" role="region">
          <p className="text-muted">At {formatDateTimeSeconds(answer.at)}:</p>
          {!answer.existed ? (
            <p>The endpoint did not exist yet.</p>
          ) : answer.live.length === 0 ? (
            <p>No deployment took live traffic.</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-0.5">
              {answer.live.map((s) => (
                <li key={s.deployment}>
                  <span className="inline-block w-12 text-right font-mono">{s.percent}%</span>{" "}
                  <Deployment name={s.deployment} exists={s.deploymentExists} /> served <ServedModel model={s.model} />
                </li>
              ))}
            </ul>
          )}
          {answer.mirror ? (
            <p className="mt-1">
              Mirrored {answer.mirror.percent}% to{" "}
              <Deployment name={answer.mirror.deployment} exists={answer.mirror.deploymentExists} /> (
              <ServedModel model={answer.mirror.model} />)
            </p>
          ) : null}
          {answer.change ? (
            <p className="mt-1 text-xs text-muted">
              Set {formatDateTimeSeconds(answer.change.at)} by {answer.change.actor}
              {answer.change.reason ? <> · “{answer.change.reason}”</> : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

/** Every traffic change, newest first, to the second, with the model each deployment served. */
export function TrafficHistory({ history }: { history: TrafficChangeDto[] }) {
  return (
    <Card title="Traffic history">
      {history.length === 0 ? (
        <p className="text-sm text-muted">The traffic has not been set yet.</p>
      ) : (
        <ol aria-label="Traffic history" className="flex flex-col divide-y divide-border text-sm">
          {history.map((h) => {
            const live = Object.entries(h.traffic).filter(([, pct]) => pct > 0);
            return (
              <li key={h.seq} className="flex flex-col gap-0.5 py-2">
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="font-medium">
                    {live.length ? live.map(([n, pct]) => `${n} ${pct}%`).join(" · ") : "no live traffic"}
                  </span>
                  {h.mirror ? (
                    <span className="text-xs text-muted">
                      mirror {h.mirror.percent}% → {h.mirror.deployment}
                    </span>
                  ) : null}
                  <span className="ml-auto text-xs text-muted">
                    <time dateTime={h.at}>{formatDateTimeSeconds(h.at)}</time> · {h.actor}
                  </span>
                </div>
                <div className="text-xs text-muted">
                  {live.length ? "Served by " : "—"}
                  {live.map(([n], i) => (
                    <span key={n}>
                      {i ? ", " : ""}
                      <Deployment name={n} exists={h.deployments[n]?.exists ?? false} /> ={" "}
                      <ServedModel model={h.deployments[n]?.model ?? null} />
                    </span>
                  ))}
                  {h.reason ? <> · “{h.reason}”</> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
