import { describe, expect, it } from "vitest";
import { spreadsheetSafe, spreadsheetSafeRecord } from "./spreadsheet-safe";

describe("spreadsheetSafe", () => {
  it("writes text a spreadsheet would run as a formula with a leading apostrophe", () => {
    for (const formula of ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
    for (const text of ["plain", "a=b", "", "1-2"]) expect(spreadsheetSafe(text)).toBe(text);
  });

  it("leaves numbers, booleans and empty cells of a record alone", () => {
    expect(spreadsheetSafeRecord(["=1+1", -1.5, true, null, "ok", "-x"])).toEqual([
      "'=1+1",
      -1.5,
      true,
      null,
      "ok",
      "'-x",
    ]);
  });
});
