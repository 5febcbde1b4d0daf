import { describe, expect, it } from "vitest";
import {
  DISTINCT_BUDGET,
  HISTOGRAM_BINS,
  MAX_COLUMNS,
  MAX_DISTINCT_PER_COLUMN,
  ProfileError,
  profileCsv,
  profileFormatOf,
  profileJsonLines,
} from "@/lib/data-profile";

/** The text as a stream of small chunks, so records straddle chunk boundaries as they do on disk. */
function bytes(text: string, chunk = 7) {
  return () =>
    (async function* () {
      const all = new TextEncoder().encode(text);
      for (let i = 0; i < all.length; i += chunk) yield all.slice(i, i + chunk);
    })();
}

function column(profile: Awaited<ReturnType<typeof profileCsv>>, name: string) {
  const c = profile.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

describe("profileCsv", () => {
  it("infers integer, number, boolean, datetime and string columns", async () => {
    const csv = [
      "id,price,ok,when,label",
      "1,2.5,true,2024-01-02,alpha",
      "2,3,false,2024-01-03T10:00:00Z,beta",
      "3,-1e2,TRUE,2024-02-01 08:30,alpha",
    ].join("\n");
    const p = await profileCsv(bytes(csv));
    expect(p.rowCount).toBe(3);
    expect(p.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["price", "number"],
      ["ok", "boolean"],
      ["when", "datetime"],
      ["label", "string"],
    ]);
    expect(column(p, "when").range).toEqual({ min: "2024-01-02", max: "2024-02-01 08:30" });
  });

  it("counts nulls (empty, NA, null) and leaves them out of types and statistics", async () => {
    const p = await profileCsv(bytes("a,b\n1,\nNA,x\n3,null\n,y\n"));
    expect(column(p, "a")).toMatchObject({ type: "integer", nulls: 2, distinct: { count: 2, isCapped: false } });
    expect(column(p, "a").numeric).toMatchObject({ min: 1, max: 3, mean: 2 });
    expect(column(p, "b")).toMatchObject({ type: "string", nulls: 2 });
  });

  it("computes min, max, mean and sample standard deviation", async () => {
    const p = await profileCsv(bytes("x\n2\n4\n4\n4\n5\n5\n7\n9\n"));
    const n = column(p, "x").numeric!;
    expect(n.min).toBe(2);
    expect(n.max).toBe(9);
    expect(n.mean).toBeCloseTo(5, 10);
    expect(n.std).toBeCloseTo(Math.sqrt(32 / 7), 10);
  });

  it("bins numbers into 20 bins that cover min to max and count every value once", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => String(i / 10));
    const p = await profileCsv(bytes(["v", ...rows].join("\n"), 4096));
    const h = column(p, "v").numeric!.histogram;
    expect(h).toHaveLength(HISTOGRAM_BINS);
    expect(h[0].start).toBe(0);
    expect(h.at(-1)!.end).toBeCloseTo(99.9, 10);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(1000);
    expect(h.every((b) => b.count === 50)).toBe(true);
  });

  it("gives small integer ranges one bin per value", async () => {
    const p = await profileCsv(bytes("k\n0\n1\n1\n2\n2\n2\n"));
    expect(column(p, "k").numeric!.histogram).toEqual([
      { start: 0, end: 0, count: 1 },
      { start: 1, end: 1, count: 2 },
      { start: 2, end: 2, count: 3 },
    ]);
  });

  it("lists the most frequent values of text columns, most frequent first", async () => {
    const p = await profileCsv(bytes("s\nb\na\nb\nc\nb\na\n"));
    expect(column(p, "s").topValues).toEqual([
      { value: "b", count: 3 },
      { value: "a", count: 2 },
      { value: "c", count: 1 },
    ]);
    expect(column(p, "s").numeric).toBeNull();
  });

  it("caps the distinct count and says so", async () => {
    const n = MAX_DISTINCT_PER_COLUMN + 500;
    const rows = Array.from({ length: n }, (_, i) => `v${i}`);
    const p = await profileCsv(bytes(["s", ...rows].join("\n"), 65536));
    expect(column(p, "s").distinct).toEqual({ count: MAX_DISTINCT_PER_COLUMN, isCapped: true });
    expect(p.rowCount).toBe(n);
  });

  it("shares the distinct budget between the columns of a wide file", async () => {
    const width = 100;
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(",");
    const rows = Array.from({ length: 2500 }, (_, r) => Array.from({ length: width }, (_, c) => `${r}-${c}`).join(","));
    const p = await profileCsv(bytes([header, ...rows].join("\n"), 65536));
    const perColumn = Math.floor(DISTINCT_BUDGET / width);
    expect(p.columns.every((c) => c.distinct.count === perColumn && c.distinct.isCapped)).toBe(true);
  });

  it("profiles at most MAX_COLUMNS columns and counts the rest", async () => {
    const width = MAX_COLUMNS + 5;
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(",");
    const p = await profileCsv(bytes(`${header}\n${Array(width).fill("1").join(",")}\n`, 65536));
    expect(p.columns).toHaveLength(MAX_COLUMNS);
    expect(p.droppedColumns).toBe(5);
  });

  it("names blank and repeated headers apart", async () => {
    const p = await profileCsv(bytes("a,,a\n1,2,3\n"));
    expect(p.columns.map((c) => c.name)).toEqual(["a", "column_2", "a_2"]);
  });

  it("reads quoted fields with commas and newlines, and a byte-order mark", async () => {
    const p = await profileCsv(bytes('\ufeffname,note\n"Smith, J","line one\nline two"\n'));
    expect(p.columns.map((c) => c.name)).toEqual(["name", "note"]);
    expect(column(p, "name").topValues).toEqual([{ value: "Smith, J", count: 1 }]);
  });

  it("fails on a malformed file with the parser's message", async () => {
    await expect(profileCsv(bytes("a,b\n1,2\n3\n"))).rejects.toThrow(ProfileError);
    await expect(profileCsv(bytes("a,b\n1,2\n3\n"))).rejects.toThrow(/Invalid Record Length/);
    await expect(profileCsv(bytes('a,b\n"unclosed,2\n'))).rejects.toThrow(/quote/i);
    await expect(profileCsv(bytes(""))).rejects.toThrow(/empty/);
  });
});

describe("profileJsonLines", () => {
  it("uses the JSON types, treats missing keys and null as nulls, and stringifies nested values", async () => {
    const text = [
      '{"n": 1, "x": 0.5, "b": true, "s": "3", "t": "2024-05-01T00:00:00Z", "o": {"k": 1}}',
      "",
      '{"n": 2, "x": null, "b": false, "s": "a"}',
      '{"n": 3, "x": 2}',
    ].join("\n");
    const p = await profileJsonLines(bytes(text));
    expect(p.rowCount).toBe(3);
    const byName = Object.fromEntries(p.columns.map((c) => [c.name, c]));
    expect(byName.n.type).toBe("integer");
    expect(byName.x).toMatchObject({ type: "number", nulls: 1 });
    expect(byName.b.type).toBe("boolean");
    // "3" is a JSON string: it stays a string.
    expect(byName.s.type).toBe("string");
    expect(byName.t).toMatchObject({ type: "datetime", nulls: 2 });
    expect(byName.o.topValues).toEqual([{ value: '{"k":1}', count: 1 }]);
  });

  it("fails with the line number on a line that is not a JSON object", async () => {
    await expect(profileJsonLines(bytes('{"a":1}\n{"a":\n'))).rejects.toThrow(/^Line 2: /);
    await expect(profileJsonLines(bytes('{"a":1}\n[1,2]\n'))).rejects.toThrow(
      /Line 2: expected a JSON object, got an array/,
    );
  });
});

describe("profileFormatOf", () => {
  it("profiles .csv, .jsonl and .ndjson only", () => {
    expect(["a.csv", "B.CSV", "x/y.jsonl", "z.ndjson", "a.json", "a.parquet", "csv"].map(profileFormatOf)).toEqual([
      "csv",
      "csv",
      "jsonl",
      "jsonl",
      null,
      null,
      null,
    ]);
  });
});
