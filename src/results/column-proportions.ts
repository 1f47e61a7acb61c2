// Column-proportion tests, as SPSS's Custom Tables "Compare column
// proportions" with APA-style subscripts: within each row, every pair of
// columns is compared with a two-sided z-test of two proportions (pooled
// standard error), the p-values Bonferroni-adjusted for the number of pairs in
// that row. Columns whose proportions do not differ significantly share a
// subscript letter; two cells without a common letter differ at alpha.
// Unlike SPSS, a column whose proportion is 0 or 1 is still compared (the
// pooled test is defined unless both proportions are 0 or both are 1).
import jstat from "jstat";
import { sum } from "./chi-square.js";

const { jStat } = jstat;

export type ProportionComparison = {
  row: number;
  a: number;
  b: number;
  z: number;
  pValue: number;
  adjustedP: number;
  significant: boolean;
};

export type ColumnProportionResult = {
  alpha: number;
  /** per row, per column: subscript letters ("a", "b"...); empty for a column with no responses */
  subscripts: string[][];
  comparisons: ProportionComparison[];
  /** columns with no responses, not compared */
  untestedColumns: number[];
};

export function columnProportionTests(table: readonly (readonly number[])[], alpha = 0.05): ColumnProportionResult {
  const columnCount = Math.max(0, ...table.map((row) => row.length));
  const columnTotals = Array.from({ length: columnCount }, (_, j) => sum(table.map((row) => row[j] ?? 0)));
  const tested = columnTotals.flatMap((t, j) => (t > 0 ? [j] : []));
  const untestedColumns = columnTotals.flatMap((t, j) => (t > 0 ? [] : [j]));
  const pairs = (tested.length * (tested.length - 1)) / 2;
  const comparisons: ProportionComparison[] = [];
  const subscripts = table.map((row, i) => {
    const different: [number, number][] = [];
    for (let x = 0; x < tested.length; x++) {
      for (let y = x + 1; y < tested.length; y++) {
        const a = tested[x]!;
        const b = tested[y]!;
        const z = zOfProportions(row[a] ?? 0, columnTotals[a]!, row[b] ?? 0, columnTotals[b]!);
        if (z === undefined) continue;
        const pValue = 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
        const adjustedP = Math.min(1, pValue * pairs);
        const significant = adjustedP < alpha;
        comparisons.push({ row: i, a, b, z, pValue, adjustedP, significant });
        if (significant) different.push([a, b]);
      }
    }
    const letters = compactLetters(tested, different);
    return Array.from({ length: columnCount }, (_, j) => letters.get(j) ?? "");
  });
  return { alpha, subscripts, comparisons, untestedColumns };
}

/** z of the difference p1 - p2 with the pooled standard error; undefined when it is 0. */
export function zOfProportions(x1: number, n1: number, x2: number, n2: number): number | undefined {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return undefined;
  return (x1 / n1 - x2 / n2) / se;
}

/**
 * A compact letter display (Piepho's insert-and-absorb): significantly
 * different pairs share no letter, every other pair shares at least one.
 * Letters go to groups in the order of their first column, as SPSS does.
 */
export function compactLetters(
  columns: readonly number[],
  different: readonly [number, number][],
): Map<number, string> {
  let groups: Set<number>[] = columns.length ? [new Set(columns)] : [];
  for (const [a, b] of different) {
    const next: Set<number>[] = [];
    for (const group of groups) {
      if (group.has(a) && group.has(b)) {
        next.push(new Set([...group].filter((c) => c !== a)), new Set([...group].filter((c) => c !== b)));
      } else next.push(group);
    }
    // absorb: a group inside another carries no information
    groups = next.filter((g, i) => !next.some((h, k) => k !== i && isSubset(g, h) && (g.size < h.size || k < i)));
  }
  const order = (g: Set<number>) => Math.min(...[...g].map((c) => columns.indexOf(c)));
  groups.sort((g, h) => order(g) - order(h));
  const letters = new Map<number, string>(columns.map((c) => [c, ""]));
  groups.forEach((group, index) => {
    for (const c of group) letters.set(c, (letters.get(c) ?? "") + letterOf(index));
  });
  return letters;
}

function isSubset(a: Set<number>, b: Set<number>): boolean {
  return [...a].every((x) => b.has(x));
}

function letterOf(index: number): string {
  // a..z, then aa, ab...: more than 26 groups only happens in very wide tables
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  return index < 26 ? alphabet[index]! : letterOf(Math.floor(index / 26) - 1) + alphabet[index % 26]!;
}
