// `--output json` (the API's answer as it is, for scripts) or `--output table` (columns for people).
export function print(value, output, columns) {
  if (output === "json") {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const rows = Array.isArray(value) ? value : [value];
  const cells = rows.map((row) => columns.map(([, pick]) => String(pick(row) ?? "")));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const line = (values) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${line(columns.map(([title]) => title))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
}
