"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ColumnProfile, DataProfile, FileProfile } from "@/lib/data-profile";
import { Alert, Badge, Card } from "@/components/ui/misc";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useRefreshWhile } from "@/components/live/refresh-while-live";

type ProfileState = {
  status: "none" | "pending" | "running" | "ready" | "failed";
  result: unknown;
  error: string | null;
};

// While the profile is computed, the page refreshes this often.
const POLL_MS = 2000;

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return x.toExponential(3);
  return x.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

const TYPE_TONE: Record<ColumnProfile["type"], "accent" | "success" | "warning" | "neutral"> = {
  integer: "accent",
  number: "accent",
  boolean: "success",
  datetime: "warning",
  string: "neutral",
};

const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 6,
  color: "var(--text)",
  fontSize: 12,
};
const axisTick = { fill: "var(--muted)", fontSize: 10 };

/** Axis ticks keep three significant digits; the tooltip shows the exact bin. */
function formatTick(x: number): string {
  return Number(x.toPrecision(3)).toLocaleString("en-US");
}

function Histogram({ column }: { column: ColumnProfile }) {
  const bins = column.numeric!.histogram.map((b) => ({
    label: b.start === b.end ? formatNumber(b.start) : `${formatNumber(b.start)} – ${formatNumber(b.end)}`,
    start: formatTick(b.start),
    count: b.count,
  }));
  return (
    <figure aria-label={`Histogram of ${column.name}`} className="h-36 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bins} margin={{ top: 4, right: 4, bottom: 0, left: -20 }} barCategoryGap={1}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="start" tick={axisTick} interval="preserveStartEnd" minTickGap={16} stroke="var(--border)" />
          <YAxis tick={axisTick} allowDecimals={false} stroke="var(--border)" />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--surface-2)" }}
            labelFormatter={(_, items) => String(items?.[0]?.payload?.label ?? "")}
            formatter={(value) => [String(value), "rows"]}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function TopValues({ column }: { column: ColumnProfile }) {
  const values = (column.topValues ?? []).map((v) => ({
    value: v.value.length > 24 ? `${v.value.slice(0, 23)}…` : v.value,
    full: v.value,
    count: v.count,
  }));
  if (values.length === 0) return <p className="text-xs text-muted">No values.</p>;
  return (
    <figure
      aria-label={`Top values of ${column.name}`}
      className="w-full"
      style={{ height: Math.max(60, values.length * 18 + 16) }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={values} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barCategoryGap={2}>
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis type="category" dataKey="value" width={110} tick={axisTick} stroke="var(--border)" interval={0} />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: "var(--surface-2)" }}
            labelFormatter={(_, items) => String(items?.[0]?.payload?.full ?? "")}
            formatter={(value) => [String(value), "rows"]}
          />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-muted">{label}</dt>
      <dd className="font-mono">{value}</dd>
    </div>
  );
}

function ColumnCard({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const distinct = column.distinct.isCapped
    ? `≥ ${formatNumber(column.distinct.count)}`
    : formatNumber(column.distinct.count);
  const nullShare = rowCount
    ? ` (${((column.nulls / rowCount) * 100).toFixed(column.nulls && column.nulls < rowCount / 100 ? 2 : 0)}%)`
    : "";
  return (
    <section
      aria-label={`Column ${column.name}`}
      className="flex flex-col gap-2 rounded-md border border-border bg-surface p-3"
    >
      <div className="flex items-center justify-between gap-2">
        <h4 className="truncate font-mono text-sm font-medium" title={column.name}>
          {column.name}
        </h4>
        <Badge tone={TYPE_TONE[column.type]}>{column.type}</Badge>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
        <Stat label="Nulls" value={`${formatNumber(column.nulls)}${nullShare}`} />
        <Stat label="Distinct" value={distinct} />
        {column.numeric ? (
          <>
            <Stat label="Min" value={formatNumber(column.numeric.min)} />
            <Stat label="Max" value={formatNumber(column.numeric.max)} />
            <Stat label="Mean" value={formatNumber(column.numeric.mean)} />
            <Stat label="Std" value={formatNumber(column.numeric.std)} />
          </>
        ) : null}
        {column.range ? (
          <>
            <Stat label="From" value={column.range.min} />
            <Stat label="To" value={column.range.max} />
          </>
        ) : null}
      </dl>
      {column.numeric ? <Histogram column={column} /> : <TopValues column={column} />}
    </section>
  );
}

function FileProfileView({ path, profile }: { path: string; profile: FileProfile }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm">
        <span className="font-mono font-medium">{path}</span>{" "}
        <span className="text-muted">
          · {profile.format === "csv" ? "CSV" : "JSON lines"} · {formatNumber(profile.rowCount)} rows ·{" "}
          {profile.columns.length} columns
          {profile.droppedColumns ? ` (${profile.droppedColumns} more not profiled)` : ""}
        </span>
      </p>
      <Table aria-label={`Columns of ${path}`}>
        <thead>
          <tr>
            <Th>Column</Th>
            <Th>Type</Th>
            <Th className="text-right">Nulls</Th>
            <Th className="text-right">Distinct</Th>
            <Th className="text-right">Min</Th>
            <Th className="text-right">Max</Th>
            <Th className="text-right">Mean</Th>
            <Th className="text-right">Std</Th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((c) => (
            <Tr key={c.name}>
              <Td className="font-mono">{c.name}</Td>
              <Td>{c.type}</Td>
              <Td className="text-right font-mono">{formatNumber(c.nulls)}</Td>
              <Td className="text-right font-mono">
                {c.distinct.isCapped ? "≥ " : ""}
                {formatNumber(c.distinct.count)}
              </Td>
              <Td className="text-right font-mono">{c.numeric ? formatNumber(c.numeric.min) : (c.range?.min ?? "")}</Td>
              <Td className="text-right font-mono">{c.numeric ? formatNumber(c.numeric.max) : (c.range?.max ?? "")}</Td>
              <Td className="text-right font-mono">{c.numeric ? formatNumber(c.numeric.mean) : ""}</Td>
              <Td className="text-right font-mono">{c.numeric ? formatNumber(c.numeric.std) : ""}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {profile.columns.map((c) => (
          <ColumnCard key={c.name} column={c} rowCount={profile.rowCount} />
        ))}
      </div>
    </div>
  );
}

/** The profile of a data asset version, or where its computation stands. */
export function DataProfileView({ profile }: { profile: ProfileState }) {
  const isWaiting = profile.status === "pending" || profile.status === "running";
  useRefreshWhile(isWaiting, POLL_MS);
  if (profile.status === "none") {
    return (
      <Card title="Profile">
        <p className="text-sm text-muted">No CSV or JSON-lines file in this version: nothing to profile.</p>
      </Card>
    );
  }
  if (isWaiting) {
    return (
      <Card title="Profile">
        <p role="status" className="flex items-center gap-2 text-sm text-muted">
          <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-accent border-t-transparent" />
          Profiling… {profile.status === "pending" ? "(queued)" : ""} This page updates by itself.
        </p>
      </Card>
    );
  }
  if (profile.status === "failed") {
    return (
      <Card title="Profile">
        <Alert title="The profile could not be computed">
          <pre className="mt-1 whitespace-pre-wrap font-mono text-xs">{profile.error}</pre>
        </Alert>
      </Card>
    );
  }
  const result = profile.result as DataProfile;
  return (
    <Card title="Profile">
      <div className="flex flex-col gap-6">
        {result.files.map((f) =>
          f.profile ? (
            <FileProfileView key={f.path} path={f.path} profile={f.profile} />
          ) : (
            <Alert key={f.path} title={`${f.path} could not be profiled`}>
              <pre className="mt-1 whitespace-pre-wrap font-mono text-xs">{f.error}</pre>
            </Alert>
          ),
        )}
        {result.skippedFiles ? (
          <p className="text-sm text-muted">
            {result.skippedFiles} more CSV or JSON-lines files were not profiled (at most {result.files.length} per
            version).
          </p>
        ) : null}
      </div>
    </Card>
  );
}
