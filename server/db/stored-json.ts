import "server-only";
import { z } from "zod";

// Small JSON columns that several tables share, each read with its schema rather than cast: tags and
// properties (name → text), event data, and the latency histograms of scoring counters.

const stringMapSchema = z.record(z.string(), z.string());
const objectSchema = z.record(z.string(), z.unknown());
/** Bucket index → count; JSON keys are text, so they come back as numbers here. */
const histogramSchema = z
  .record(z.string(), z.number())
  .transform(
    (buckets) => Object.fromEntries(Object.entries(buckets).map(([k, v]) => [Number(k), v])) as Record<number, number>,
  );

/** A `tags` or `properties` column. */
export function readStringMap(column: string): Record<string, string> {
  return stringMapSchema.parse(JSON.parse(column));
}

/** An event's `data` column (its shape depends on the action: callers narrow it with their own schema). */
export function readEventData(column: string): Record<string, unknown> {
  return objectSchema.parse(JSON.parse(column));
}

/** A scoring counter's `latency` column. */
export function readLatencyHistogram(column: string): Record<number, number> {
  return histogramSchema.parse(JSON.parse(column));
}
