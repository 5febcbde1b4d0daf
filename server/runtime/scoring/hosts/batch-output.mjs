// Turns what a model answers for a mini-batch of n rows into prediction columns, one value per row:
//   [p, p, …]                      → prediction
//   [[a, b, c], …]                 → prediction_0, prediction_1, prediction_2
//   {"species": [...], "output": [[...], …]} → species, output_0, output_1, …  (every key with n entries)
// Anything else cannot be written as a table, and says why.

function columnsOf(name, values, n) {
  if (!Array.isArray(values) || values.length !== n) return null;
  if (values.every((v) => Array.isArray(v))) {
    const width = Math.max(...values.map((v) => v.length));
    return Array.from({ length: width }, (_, i) => ({ name: `${name}_${i}`, values: values.map((v) => cell(v[i])) }));
  }
  return [{ name, values: values.map(cell) }];
}

function cell(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : value;
}

/** Prediction columns for n rows, or throws naming what does not fit. */
export function predictionColumns(result, n) {
  const direct = columnsOf("prediction", result, n);
  if (direct) return direct;
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const columns = [];
    for (const [key, values] of Object.entries(result)) {
      const found = columnsOf(key, values, n);
      if (found) columns.push(...found);
    }
    if (columns.length) return columns;
    throw new Error(
      `run() answered an object none of whose entries (${Object.keys(result).join(", ") || "none"}) holds one value per row (${n} rows were sent).`,
    );
  }
  throw new Error(
    `run() must answer one prediction per row (${n} rows were sent), as a list or as an object of lists; it answered ${JSON.stringify(result)?.slice(0, 200)}.`,
  );
}

/** The columns to send to the model: the ones named, or every column whose sampled values are all numbers. */
export function featureColumns(header, sample, named) {
  if (named && named.length) {
    const missing = named.filter((c) => !header.includes(c));
    if (missing.length)
      throw new Error(
        `The data has no column ${missing.map((c) => `"${c}"`).join(", ")}; its columns are ${header.join(", ")}.`,
      );
    return named;
  }
  const numeric = header.filter(
    (c) => sample.length > 0 && sample.every((row) => row[c] !== "" && Number.isFinite(Number(row[c]))),
  );
  if (!numeric.length)
    throw new Error(
      `No column of the data holds only numbers (columns: ${header.join(", ")}); name the feature columns.`,
    );
  return numeric;
}
