// Batch scoring for a batch endpoint's deployment, run as a job by the studio's runner. Reads the input
// data (CSV), sends its feature columns to the model in mini-batches, and writes the rows with their
// predictions to <output>/predictions.csv, which the studio registers as a new data asset version.
//   node batch_host.mjs --method onnx|python|javascript --model <dir> --data <file|dir> --output <dir>
//        [--code <dir> --script <file>] [--mini-batch 100] [--columns a,b,c] [--python python3]
// A Python or JavaScript deployment's run() gets {"data": [[…], …], "columns": [...]} as a string, the
// same body an online request carries; an ONNX model gets the rows as its one input.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { featureColumns, predictionColumns } from "./batch-output.mjs";

// CSV out as the studio writes it everywhere: quoted only where needed, booleans as true/false.
const csvRows = (rows) => stringify(rows, { cast: { boolean: String } });

const { values: args } = parseArgs({
  options: {
    method: { type: "string" },
    model: { type: "string" },
    data: { type: "string" },
    output: { type: "string" },
    code: { type: "string", default: "" },
    script: { type: "string", default: "" },
    "mini-batch": { type: "string", default: "100" },
    columns: { type: "string", default: "" },
    python: { type: "string", default: "python3" },
  },
});
const miniBatch = Math.max(1, Number(args["mini-batch"]));
const log = (line) => console.log(`[batch] ${line}`);

function csvFiles(path) {
  if (statSync(path).isFile()) return [path];
  const found = readdirSync(path, { recursive: true })
    .filter((f) => String(f).toLowerCase().endsWith(".csv"))
    .sort()
    .map((f) => join(path, String(f)));
  if (!found.length) throw new Error("The input data holds no .csv file.");
  return found;
}

/** The model, behind one function: rows in, run()'s answer out. */
async function loadScorer() {
  process.env.AZUREML_MODEL_DIR = args.model;
  if (args.method === "onnx") {
    const ort = await import("onnxruntime-node");
    const file = readdirSync(args.model, { recursive: true })
      .map(String)
      .filter((f) => f.toLowerCase().endsWith(".onnx"));
    const chosen = file.length === 1 ? file[0] : file.find((f) => f.split("/").pop() === "model.onnx");
    if (!chosen) throw new Error("The model has no .onnx file to load.");
    const session = await ort.InferenceSession.create(join(args.model, chosen));
    const input = session.inputNames[0];
    return async (rows) => {
      const tensor = new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, rows[0].length]);
      const results = await session.run({ [input]: tensor });
      return Object.fromEntries(
        Object.entries(results).map(([name, t]) => {
          const width = t.dims.length > 1 ? t.dims.slice(1).reduce((a, b) => a * b, 1) : 1;
          const values = Array.from(t.data, (v) => (typeof v === "bigint" ? Number(v) : v));
          return [
            name,
            t.dims.length > 1
              ? Array.from({ length: t.dims[0] }, (_, i) => values.slice(i * width, (i + 1) * width))
              : values,
          ];
        }),
      );
    };
  }
  if (args.method === "javascript") {
    process.chdir(args.code);
    const mod = await import(pathToFileURL(join(args.code, args.script)).href);
    if (typeof mod.init === "function") await mod.init();
    return async (rows, columns) => mod.run(JSON.stringify({ data: rows, columns }));
  }
  // Python: the same host the online deployments use, one process for the whole job.
  const host = spawn(args.python, ["-u", join(import.meta.dirname, "python_host.py"), args.code, args.script], {
    cwd: args.code,
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "pipe", "pipe"],
  });
  const answers = createInterface({ input: host.stdio[4] })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await answers.next();
    if (done) throw new Error("The Python entry script's process ended.");
    const [id, kind, ...rest] = value.split(" ");
    return { id: Number(id), kind, payload: JSON.parse(rest.join(" ")) };
  };
  const ready = await next();
  if (ready.kind !== "ready") throw new Error(`init() failed: ${ready.payload}`);
  let id = 0;
  process.on("exit", () => host.kill());
  return async (rows, columns) => {
    id += 1;
    host.stdio[3].write(`${JSON.stringify({ id, body: JSON.stringify({ data: rows, columns }) })}\n`);
    const answer = await next();
    if (answer.kind !== "ok") throw new Error(`run() failed: ${answer.payload}`);
    return answer.payload;
  };
}

async function main() {
  const score = await loadScorer();
  await mkdir(args.output, { recursive: true });
  const out = createWriteStream(join(args.output, "predictions.csv"));
  let header = null;
  let features = null;
  let predictionHeader = null;
  let scored = 0;
  let batch = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch.map((r) => features.map((c) => Number(r[c])));
    const columns = predictionColumns(await score(rows, features), batch.length);
    // A prediction named like an input column ("species" next to the true species) keeps both.
    for (const c of columns) if (header.includes(c.name)) c.name = `prediction_${c.name}`;
    if (!predictionHeader) {
      predictionHeader = columns.map((c) => c.name);
      out.write(csvRows([[...header, ...predictionHeader]]));
    }
    out.write(
      csvRows(
        batch.map((row, i) => [
          ...header.map((c) => row[c]),
          ...predictionHeader.map((name) => columns.find((c) => c.name === name)?.values[i] ?? ""),
        ]),
      ),
    );
    scored += batch.length;
    log(`scored ${scored} rows`);
    batch = [];
  };
  for (const file of csvFiles(args.data)) {
    log(`reading ${file.slice(args.data.length) || file}`);
    const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
    for await (const row of parser) {
      if (!header) header = Object.keys(row);
      if (!features) {
        batch.push(row);
        if (batch.length < Math.min(miniBatch, 100)) continue;
        features = featureColumns(
          header,
          batch,
          args.columns
            ? args.columns
                .split(",")
                .map((c) => c.trim())
                .filter(Boolean)
            : [],
        );
        log(`features: ${features.join(", ")}; ${miniBatch} rows per mini-batch`);
        continue;
      }
      batch.push(row);
      if (batch.length >= miniBatch) await flush();
    }
  }
  if (!header) throw new Error("The input data has no rows.");
  features ??= featureColumns(
    header,
    batch,
    args.columns
      ? args.columns
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
  );
  while (batch.length > miniBatch) {
    const rest = batch.splice(miniBatch);
    await flush();
    batch = rest;
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  log(`wrote ${scored} rows with predictions (${predictionHeader.join(", ")}) to predictions.csv`);
  process.exit(0);
}

main().catch((error) => {
  console.error(`[batch] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
