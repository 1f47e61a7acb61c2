import { describe, expect, it } from "vitest";
import { chiSquareTest } from "../../../src/results/chi-square.js";

function tested(table: number[][]) {
  const result = chiSquareTest(table);
  if (!result.testable) throw new Error(result.reason);
  return result;
}

describe("chiSquareTest", () => {
  it("agrees with R: chisq.test(matrix(c(10,20,30,40),2), correct=FALSE)", () => {
    // matrix() fills by column: rows (10, 30) and (20, 40)
    const result = tested([
      [10, 30],
      [20, 40],
    ]);
    expect(result.statistic).toBeCloseTo(0.79365, 5);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.373, 3);
    expect(result.expected).toEqual([
      [12, 28],
      [18, 42],
    ]);
    expect(result.cellsExpectedBelow5).toBe(0);
    expect(result.n).toBe(100);
    // phi for a 2x2 table: sqrt(0.79365 / 100)
    expect(result.cramersV).toBeCloseTo(0.08909, 4);
  });

  it("computes a 2x3 table by hand", () => {
    // totals: rows 30 and 30, columns 20, 20, 20; every expected count is 10
    const result = tested([
      [15, 10, 5],
      [5, 10, 15],
    ]);
    // (25 + 0 + 25) / 10 twice
    expect(result.statistic).toBeCloseTo(10, 10);
    expect(result.df).toBe(2);
    // R: pchisq(10, 2, lower.tail = FALSE) = exp(-5)
    expect(result.pValue).toBeCloseTo(Math.exp(-5), 8);
  });

  it("counts the cells with an expected count under 5", () => {
    const result = tested([
      [1, 9],
      [9, 1],
    ]);
    // every expected count is 5: none below
    expect(result.cellsExpectedBelow5).toBe(0);
    const small = tested([
      [1, 4],
      [4, 11],
    ]);
    // expected: 5*5/20 = 1.25, 3.75, 3.75, 11.25
    expect(small.cellsExpectedBelow5).toBe(3);
    expect(small.minExpected).toBeCloseTo(1.25, 10);
    expect(small.cellsTested).toBe(4);
  });

  it("leaves out a row and a column with no responses, and says which", () => {
    const result = tested([
      [10, 0, 30],
      [0, 0, 0],
      [20, 0, 40],
    ]);
    expect(result.statistic).toBeCloseTo(0.79365, 5);
    expect(result.df).toBe(1);
    expect(result.droppedRows).toEqual([1]);
    expect(result.droppedColumns).toEqual([1]);
  });

  it("refuses a 1 x N table, an empty table and one that is 1 x N once empty rows go", () => {
    const oneRow = chiSquareTest([[3, 4, 5]]);
    expect(oneRow).toMatchObject({ testable: false });
    expect(oneRow.testable ? "" : oneRow.reason).toMatch(/at least two rows and two columns.*1 and 3/);
    expect(chiSquareTest([])).toMatchObject({ testable: false, reason: "There are no responses to test." });
    expect(
      chiSquareTest([
        [0, 0],
        [0, 0],
      ]),
    ).toMatchObject({ testable: false });
    expect(
      chiSquareTest([
        [5, 6],
        [0, 0],
      ]),
    ).toMatchObject({ testable: false, droppedRows: [1] });
  });

  it("gives p = 1 for a table with no association", () => {
    const result = tested([
      [10, 20],
      [10, 20],
    ]);
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBe(1);
  });
});
