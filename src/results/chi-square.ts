// Pearson's chi-square test of independence for an r x c table of counts,
// without continuity correction (R's chisq.test(m, correct = FALSE), SPSS's
// "Pearson Chi-Square"). Rows and columns with no responses carry no
// information and would divide by zero, so they are left out of the test (as
// SPSS does) and reported.
import jstat from "jstat";

const { jStat } = jstat;

export type ChiSquareResult =
  | {
      testable: true;
      statistic: number;
      df: number;
      pValue: number;
      n: number;
      /** Cramér's V, the strength of the association from 0 to 1 */
      cramersV: number;
      /** expected counts, for the rows and columns tested, in their order */
      expected: number[][];
      cellsTested: number;
      cellsExpectedBelow5: number;
      minExpected: number;
      /** indexes of rows and columns left out because they have no responses */
      droppedRows: number[];
      droppedColumns: number[];
    }
  | { testable: false; reason: string; droppedRows: number[]; droppedColumns: number[] };

export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const columnCount = Math.max(0, ...table.map((row) => row.length));
  const rowTotals = table.map((row) => sum(row));
  const columnTotals = Array.from({ length: columnCount }, (_, j) => sum(table.map((row) => row[j] ?? 0)));
  const rows = indexesWhere(rowTotals, (t) => t > 0);
  const columns = indexesWhere(columnTotals, (t) => t > 0);
  const droppedRows = indexesWhere(rowTotals, (t) => t <= 0);
  const droppedColumns = indexesWhere(columnTotals, (t) => t <= 0);
  const n = sum(rowTotals);
  if (n === 0) return { testable: false, reason: "There are no responses to test.", droppedRows, droppedColumns };
  if (rows.length < 2 || columns.length < 2) {
    return {
      testable: false,
      reason:
        "A chi-square test needs at least two rows and two columns with responses; " +
        `this table has ${rows.length} and ${columns.length}.`,
      droppedRows,
      droppedColumns,
    };
  }
  let statistic = 0;
  let below5 = 0;
  let minExpected = Infinity;
  const expected = rows.map((i) =>
    columns.map((j) => {
      const e = ((rowTotals[i] ?? 0) * (columnTotals[j] ?? 0)) / n;
      const observed = table[i]?.[j] ?? 0;
      statistic += ((observed - e) * (observed - e)) / e;
      if (e < 5) below5 += 1;
      minExpected = Math.min(minExpected, e);
      return e;
    }),
  );
  const df = (rows.length - 1) * (columns.length - 1);
  const pValue = Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(statistic, df)));
  const cramersV = Math.sqrt(statistic / (n * (Math.min(rows.length, columns.length) - 1)));
  return {
    testable: true,
    statistic,
    df,
    pValue,
    n,
    cramersV,
    expected,
    cellsTested: rows.length * columns.length,
    cellsExpectedBelow5: below5,
    minExpected,
    droppedRows,
    droppedColumns,
  };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function indexesWhere(values: readonly number[], test: (v: number) => boolean): number[] {
  return values.flatMap((v, i) => (test(v) ? [i] : []));
}
