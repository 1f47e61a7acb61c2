// Excel's rules for sheet names, as the cross-tab sheets need them.
import { describe, expect, it } from "vitest";
import { sheetNameFor } from "../../../src/export/crosstab-sheet.js";

describe("sheetNameFor", () => {
  it("drops the characters Excel refuses and cuts to 31 characters", () => {
    const name = sheetNameFor("Policy: [2016] by type/size? *all* agencies\\sheriffs", new Set());
    expect(name).toBe("Policy 2016 by type size all ag");
    expect(name).toHaveLength(31);
  });

  it("makes names unique regardless of case, within 31 characters", () => {
    const taken = new Set(["responses"]);
    expect(sheetNameFor("Responses", taken)).toBe("Responses (2)");
    expect(sheetNameFor("RESPONSES", taken)).toBe("RESPONSES (3)");
    const long = "x".repeat(40);
    expect(sheetNameFor(long, taken)).toBe("x".repeat(31));
    expect(sheetNameFor(long, taken)).toBe(`${"x".repeat(27)} (2)`);
  });

  it("never gives an empty name, a name in apostrophes, or History", () => {
    const taken = new Set<string>();
    expect(sheetNameFor("[]:*", taken)).toBe("Cross-tab");
    expect(sheetNameFor("'quoted'", taken)).toBe("quoted");
    expect(sheetNameFor("History", taken)).toBe("History (2)");
  });
});
