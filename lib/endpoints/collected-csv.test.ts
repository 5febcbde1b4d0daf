import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { collectedCsv } from "@/lib/endpoints/collected-csv";

describe("collected requests as CSV", () => {
  it("round-trips JSON bodies with quotes, commas and newlines through a CSV parser", () => {
    const rows = [
      {
        at: "2026-12-06T10:00:00.000Z",
        requestId: "order-42",
        deployment: "blue",
        status: 200,
        latencyMs: 1.25,
        input: '{"data": [[1, 2]], "note": "a,b"}',
        output: '{"output":\n[0.1]}',
        truncated: false,
      },
      {
        at: "2026-12-06T10:00:01.000Z",
        requestId: null,
        deployment: "green",
        status: 500,
        latencyMs: 3,
        input: "{}",
        output: '{"error":{"message":"KeyError: \'x\'"}}',
        truncated: true,
      },
    ];
    const parsed = parse(collectedCsv(rows), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual({
      at: rows[0].at,
      request_id: "order-42",
      deployment: "blue",
      status: "200",
      latency_ms: "1.25",
      input: rows[0].input,
      output: rows[0].output,
      truncated: "false",
    });
    expect(parsed[1].output).toBe(rows[1].output);
    expect(parsed[1].request_id).toBe("");
  });

  it("has a header even with no rows", () => {
    expect(collectedCsv([])).toBe("at,request_id,deployment,status,latency_ms,input,output,truncated\r\n");
  });
});
