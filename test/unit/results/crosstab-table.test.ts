import { describe, expect, it } from "vitest";
import { lesm2016 } from "../../../src/questionnaire/index.js";
import { buildCrossTab } from "../../../src/results/crosstab-table.js";
import { NOT_ASKED, NO_ANSWER } from "../../../src/results/variable-sql.js";
import { findCrossVariable, type CrossVariable } from "../../../src/results/variables.js";

const variable = (id: string): CrossVariable => {
  const found = findCrossVariable(lesm2016, id);
  if (!found) throw new Error(`no variable ${id}`);
  return found;
};

describe("buildCrossTab", () => {
  const policy = variable("WRITTEN_POLICY");
  const region = variable("region");

  it("lays counts out in questionnaire order with margins, and counts what it leaves out", () => {
    const table = buildCrossTab(policy, region, [
      { row: "YES", col: "SOUTH", n: 5 },
      { row: "NO", col: "WEST", n: 2 },
      { row: "YES", col: "WEST", n: 1 },
      { row: NOT_ASKED, col: "SOUTH", n: 4 },
      { row: NO_ANSWER, col: "WEST", n: 1 },
    ]);
    expect(table.rowCategories.map((c) => c.code)).toEqual(["YES", "DRAFTING", "NO"]);
    // region hides empty categories: only the South and the West have answers
    expect(table.colCategories.map((c) => c.code)).toEqual(["SOUTH", "WEST"]);
    expect(table.counts).toEqual([
      [5, 1],
      [0, 0],
      [0, 2],
    ]);
    expect(table.rowTotals).toEqual([6, 0, 2]);
    expect(table.colTotals).toEqual([5, 3]);
    expect(table).toMatchObject({ total: 8, responses: 13, excluded: 5 });
    expect(table.rowMissing).toEqual({ notAsked: 4, noAnswer: 1 });
    expect(table.colMissing).toEqual({ notAsked: 0, noAnswer: 0 });
  });

  it("keeps codes the questionnaire does not know, labelled as such", () => {
    const table = buildCrossTab(policy, region, [{ row: "MAYBE", col: "SOUTH", n: 3 }]);
    expect(table.rowCategories.at(-1)).toEqual({ code: "MAYBE", label: "MAYBE (not in the questionnaire)" });
    expect(table.counts.at(-1)).toEqual([3]);
  });

  it("gives an empty table when nothing was answered", () => {
    const table = buildCrossTab(policy, region, [{ row: NOT_ASKED, col: "SOUTH", n: 2 }]);
    expect(table.total).toBe(0);
    expect(table.colCategories).toEqual([]);
    expect(table.excluded).toBe(2);
  });
});
