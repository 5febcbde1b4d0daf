// Trains a softmax-regression classifier on the iris dataset (iris.csv, next to this file) with plain
// gradient descent, logging loss and accuracy per epoch to the studio, and writes model.json to the
// output folder. No packages needed: the studio uses this example when its Python has no scikit-learn.
//
// Run by the studio:  node train.mjs --epochs 60 --lr 0.3 --output ${{outputs.model}}
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startRun } from "./mlops-studio.mjs";

const { values } = parseArgs({
  options: {
    epochs: { type: "string", default: "60" },
    lr: { type: "string", default: "0.3" },
    seed: { type: "string", default: "7" },
    output: { type: "string", default: "outputs/model" },
  },
});
const epochs = Number(values.epochs);
const lr = Number(values.lr);
const seed = Number(values.seed);

// A small deterministic generator (mulberry32), so a seed gives the same split and the same curves.
function random(seedValue) {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const [header, ...lines] = readFileSync(new URL("./iris.csv", import.meta.url), "utf8")
  .trim()
  .split("\n");
const features = header.split(",").slice(0, 4);
const rows = lines.map((line) => line.split(","));
const classes = [...new Set(rows.map((r) => r[4]))];
const X = rows.map((r) => r.slice(0, 4).map(Number));
const y = rows.map((r) => classes.indexOf(r[4]));

const rand = random(seed);
const order = X.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
const cut = Math.round(order.length * 0.7);
const [trainIdx, testIdx] = [order.slice(0, cut), order.slice(cut)];
const mean = features.map((_, j) => trainIdx.reduce((s, i) => s + X[i][j], 0) / trainIdx.length);
const std = features.map((_, j) =>
  Math.sqrt(trainIdx.reduce((s, i) => s + (X[i][j] - mean[j]) ** 2, 0) / trainIdx.length),
);
const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / std[j]));

const W = classes.map(() => features.map(() => 0));
const b = classes.map(() => 0);

function probabilities(z) {
  const scores = W.map((w, k) => w.reduce((s, wj, j) => s + wj * z[j], b[k]));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const total = exp.reduce((s, e) => s + e, 0);
  return exp.map((e) => e / total);
}

function evaluate(indices) {
  let loss = 0;
  let correct = 0;
  for (const i of indices) {
    const p = probabilities(Z[i]);
    loss -= Math.log(Math.max(p[y[i]], 1e-15));
    if (p.indexOf(Math.max(...p)) === y[i]) correct += 1;
  }
  return { loss: loss / indices.length, accuracy: correct / indices.length };
}

const run = await startRun({
  experiment: "iris-js",
  params: { epochs, lr, seed, model: "softmax regression (gradient descent)" },
});
await run.setTags({ dataset: "iris" });
for (let epoch = 1; epoch <= epochs; epoch++) {
  const gradW = W.map((w) => w.map(() => 0));
  const gradB = b.map(() => 0);
  for (const i of trainIdx) {
    const p = probabilities(Z[i]);
    p.forEach((pk, k) => {
      const error = pk - (y[i] === k ? 1 : 0);
      gradB[k] += error;
      Z[i].forEach((zj, j) => (gradW[k][j] += error * zj));
    });
  }
  W.forEach((w, k) => w.forEach((_, j) => (w[j] -= (lr * gradW[k][j]) / trainIdx.length)));
  b.forEach((_, k) => (b[k] -= (lr * gradB[k]) / trainIdx.length));
  const train = evaluate(trainIdx);
  const val = evaluate(testIdx);
  const metrics = {
    train_loss: train.loss,
    val_loss: val.loss,
    train_accuracy: train.accuracy,
    val_accuracy: val.accuracy,
  };
  await run.logMetrics(metrics, { step: epoch });
  console.log(
    `epoch ${String(epoch).padStart(3)}  ${Object.entries(metrics)
      .map(([k, v]) => `${k}=${v.toFixed(4)}`)
      .join("  ")}`,
  );
}
mkdirSync(values.output, { recursive: true });
writeFileSync(
  join(values.output, "model.json"),
  JSON.stringify({ kind: "softmax-regression", features, classes, mean, std, weights: W, bias: b }, null, 2),
);
await run.end();
console.log(`wrote model.json to ${values.output}`);
