import { describe, expect, it } from "vitest";
import { chiSquareTest } from "../../../src/results/chi-square.js";
import { columnProportionTests, compactLetters, zOfProportions } from "../../../src/results/column-proportions.js";

describe("zOfProportions", () => {
  it("uses the pooled standard error; for a 2x2 table z squared is the chi-square", () => {
    // 10/30 against 30/70: pooled 0.4, se = sqrt(0.24 * (1/30 + 1/70)) = 0.106904
    const z = zOfProportions(10, 30, 30, 70)!;
    expect(z).toBeCloseTo(-0.89087, 4);
    const chi = chiSquareTest([
      [10, 30],
      [20, 40],
    ]);
    expect(chi.testable && z * z).toBeCloseTo(0.79365, 5);
  });

  it("is undefined when both proportions are 0 or both are 1", () => {
    expect(zOfProportions(0, 10, 0, 20)).toBeUndefined();
    expect(zOfProportions(10, 10, 20, 20)).toBeUndefined();
    expect(zOfProportions(0, 10, 5, 20)).toBeDefined();
  });
});

describe("columnProportionTests", () => {
  it("marks all three columns apart when every pair differs", () => {
    // proportions in row 1: .5, .1, .3 of 100 each
    const result = columnProportionTests([
      [50, 10, 30],
      [50, 90, 70],
    ]);
    expect(result.subscripts[0]).toEqual(["a", "b", "c"]);
    const aVsC = result.comparisons.find((c) => c.row === 0 && c.a === 0 && c.b === 2)!;
    // pooled .4: se = sqrt(.24 * .02) = .069282, z = .2 / .069282 = 2.8868, p = .003892, times 3 pairs
    expect(aVsC.z).toBeCloseTo(2.8868, 3);
    expect(aVsC.pValue).toBeCloseTo(0.003892, 5);
    expect(aVsC.adjustedP).toBeCloseTo(0.011676, 5);
    expect(aVsC.significant).toBe(true);
  });

  it("gives a shared letter to columns that do not differ after the Bonferroni adjustment", () => {
    // .5, .45, .3: A-B z = .708 (n.s.), A-C z = 2.887 (adj. p .012), B-C z = 2.191 (p .028, adj. .085)
    const result = columnProportionTests([
      [50, 45, 30],
      [50, 55, 70],
    ]);
    const bVsC = result.comparisons.find((c) => c.row === 0 && c.a === 1 && c.b === 2)!;
    expect(bVsC.pValue).toBeCloseTo(0.02846, 4);
    expect(bVsC.significant).toBe(false);
    expect(result.subscripts[0]).toEqual(["a", "ab", "b"]);
    expect(result.subscripts[1]).toEqual(["a", "ab", "b"]);
  });

  it("leaves a column with no responses without letters and out of the count of pairs", () => {
    const result = columnProportionTests([
      [10, 0, 30],
      [20, 0, 40],
    ]);
    expect(result.untestedColumns).toEqual([1]);
    expect(result.subscripts[0]).toEqual(["a", "", "a"]);
    // one pair only: no adjustment
    const only = result.comparisons.find((c) => c.row === 0)!;
    expect(only.adjustedP).toBeCloseTo(only.pValue, 12);
  });

  it("gives one letter to every column when there is a single column", () => {
    expect(columnProportionTests([[3], [4]]).subscripts).toEqual([["a"], ["a"]]);
  });
});

describe("compactLetters", () => {
  it("splits and absorbs groups (insert-and-absorb)", () => {
    // 0-1 and 0-2 differ; 1-2 do not
    expect([
      ...compactLetters(
        [0, 1, 2],
        [
          [0, 1],
          [0, 2],
        ],
      ).values(),
    ]).toEqual(["a", "b", "b"]);
    // a chain: 0-2 differ only
    expect([...compactLetters([0, 1, 2], [[0, 2]]).values()]).toEqual(["a", "ab", "b"]);
    expect(compactLetters([], []).size).toBe(0);
  });
});
