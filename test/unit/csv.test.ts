import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../src/http/csv.js";

describe("csvCell", () => {
  it("makes text a spreadsheet would run as a formula plain text, and quotes per RFC 4180", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("a,b")).toBe('"a,b"');
  });

  it("writes numbers as numbers, so the missing codes -8 and -9 stay numeric", () => {
    expect(csvLine([-8, -9, 12.5, "x"])).toBe("-8,-9,12.5,x\r\n");
  });
});
