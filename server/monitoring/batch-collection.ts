import "server-only";
import { db } from "@/server/db";
import { artifactStore } from "@/server/artifacts/store";
import { profileFormatOf, tableRecords } from "@/lib/data-profile";
import type { CollectedLine } from "@/lib/monitoring/collected-line";
import type { FlatValue } from "@/lib/monitoring/flat-table";
import type { CommandJobSpec } from "@/lib/schemas/jobs";
import { storeSealedSegment } from "@/server/monitoring/collected-segments";

// A batch deployment's production data: each completed batch job's predictions.csv holds every input row
// with its prediction columns, so its rows become a sealed segment of the deployment's collected data,
// inputs (the input data's columns) and outputs (the columns the job added) apart. Monitors then read batch
// and online deployments alike.

const ROWS_PER_LINE = 100;

type Job = {
  id: string;
  name: string;
  endpointId: string | null;
  deploymentName: string | null;
  endedAt: Date | null;
  files: { path: string; sha256: string }[];
};

/** The input data's column names: the header of its first table file. */
async function inputColumns(spec: CommandJobSpec): Promise<Set<string>> {
  const data = spec.inputs.data;
  if (data?.type !== "data") return new Set();
  const file = data.files.find((f) => profileFormatOf(f.path) !== null);
  if (!file) return new Set();
  for await (const record of tableRecords(profileFormatOf(file.path)!, () => artifactStore.open(file.sha256)))
    return new Set(record.keys());
  return new Set();
}

async function* predictionLines(job: Job, inputs: Set<string>): AsyncGenerator<CollectedLine> {
  const at = (job.endedAt ?? new Date()).getTime();
  let n = 0;
  for (const file of job.files) {
    const format = profileFormatOf(file.path);
    if (!format) continue;
    let x: { c: string[]; r: FlatValue[][] } | null = null;
    let y: { c: string[]; r: FlatValue[][] } | null = null;
    const flush = () => {
      const line: CollectedLine = {
        id: `${job.name}-${n}`,
        t: at,
        s: 200,
        l: 0,
        x: x!,
        y: y!,
        in: "",
        out: "",
        tr: false,
      };
      n += x!.r.length;
      x = null;
      y = null;
      return line;
    };
    for await (const record of tableRecords(format, () => artifactStore.open(file.sha256))) {
      const names = [...record.keys()];
      x ??= { c: names.filter((c) => inputs.has(c)), r: [] };
      y ??= { c: names.filter((c) => !inputs.has(c)), r: [] };
      x.r.push(x.c.map((c) => record.get(c) ?? null));
      y.r.push(y.c.map((c) => record.get(c) ?? null));
      if (x.r.length === ROWS_PER_LINE) yield flush();
    }
    if (x) yield flush();
  }
}

/** Collects a completed batch job's predictions for its deployment's monitors; answers the rows kept. */
export async function collectBatchPredictions(job: Job, spec: CommandJobSpec): Promise<number> {
  if (!job.endpointId || !job.deploymentName) return 0;
  const deployment = await db.deployment.findFirst({
    where: { endpointId: job.endpointId, name: job.deploymentName },
    select: { id: true, modelVersion: { select: { name: true, version: true } } },
  });
  if (!deployment) return 0;
  const inputs = await inputColumns(spec);
  const id = await storeSealedSegment(
    {
      endpointId: job.endpointId,
      deploymentId: deployment.id,
      modelVersion: `${deployment.modelVersion.name}:${deployment.modelVersion.version}`,
      writer: `batch:${job.name}`,
    },
    predictionLines(job, inputs),
  );
  if (!id) return 0;
  const segment = await db.collectedSegment.findUniqueOrThrow({ where: { id }, select: { rows: true } });
  return segment.rows;
}
