// The view model of a cross-tab: cells with the percentages asked for,
// margins, subscript letters of the column-proportion tests, and the tests'
// results in words.
import type { CrossTab } from "./compute-crosstab.js";
import { describeFilters } from "./filters.js";
import { formatCount, formatP, formatPercent, formatStatistic, percentOf } from "./format.js";
import { stackedChart } from "./render-chart.js";

export const PERCENT_MODES = ["col", "row", "total", "all", "none"] as const;
export type PercentMode = (typeof PERCENT_MODES)[number];

type CellView = { count: string; lines: { label: string; value: string }[]; letters: string };

export type CrossTabView = {
  caption: string;
  filtersText: string;
  rowLabel: string;
  colLabel: string;
  columns: { label: string }[];
  rows: { label: string; cells: CellView[]; total: CellView }[];
  totals: { cells: CellView[]; total: CellView };
  empty: boolean;
  test: { lines: string[]; warning?: string; notes: string[] };
  lettersNote?: string;
  excludedNote: string;
  chart?: { src: string; alt: string };
};

/**
 * The percentages a cell shows, by their label on the page, in the order shown:
 * `value` 0-100 for the page, `share` 0-1 for a spreadsheet's percent format
 * (divided once, so 1 of 3 is exactly 1/3); both null for an empty base.
 */
export type CellPercent = { label: "row" | "column" | "total"; value: number | null; share: number | null };

function percent(label: CellPercent["label"], part: number, whole: number): CellPercent {
  return { label, value: percentOf(part, whole), share: whole > 0 ? part / whole : null };
}
export type CrossTabCell = { count: number; percents: CellPercent[]; letters: string };

/**
 * The cells of the table with the percentages asked for, as numbers (0-100, or
 * null for an empty base): the page formats them, the workbook writes them.
 */
export function crossTabCells(tab: CrossTab, mode: PercentMode) {
  const { counts, rowTotals, colTotals, total } = tab;
  const showLetters = tab.colCategories.length > 1 && total > 0;
  const cell = (count: number, rowTotal: number, colTotal: number, letters = ""): CrossTabCell => {
    const percents: CellPercent[] = [];
    if (mode === "row" || mode === "all") percents.push(percent("row", count, rowTotal));
    if (mode === "col" || mode === "all") percents.push(percent("column", count, colTotal));
    if (mode === "total" || mode === "all") percents.push(percent("total", count, total));
    return { count, percents, letters };
  };
  const rows = tab.rowCategories.map((category, i) => ({
    label: category.label,
    cells: tab.colCategories.map((_, j) =>
      cell(
        counts[i]?.[j] ?? 0,
        rowTotals[i] ?? 0,
        colTotals[j] ?? 0,
        showLetters ? (tab.columnTests.subscripts[i]?.[j] ?? "") : "",
      ),
    ),
    total: cell(rowTotals[i] ?? 0, rowTotals[i] ?? 0, total),
  }));
  const totals = {
    cells: tab.colCategories.map((_, j) => cell(colTotals[j] ?? 0, total, colTotals[j] ?? 0)),
    total: cell(total, total, total),
  };
  return { rows, totals, showLetters };
}

function cellView(cell: CrossTabCell): CellView {
  return {
    count: formatCount(cell.count),
    lines: cell.percents.map((p) => ({ label: p.label, value: formatPercent(p.value) })),
    letters: cell.letters,
  };
}

export async function presentCrossTab(tab: CrossTab, mode: PercentMode): Promise<CrossTabView> {
  const { counts, colTotals, total } = tab;
  const cells = crossTabCells(tab, mode);
  const showLetters = cells.showLetters;
  const rows = cells.rows.map((row) => ({
    label: row.label,
    cells: row.cells.map(cellView),
    total: cellView(row.total),
  }));
  const totals = { cells: cells.totals.cells.map(cellView), total: cellView(cells.totals.total) };
  // columns without responses have no percentages to draw
  const bars = tab.colCategories.flatMap((colCategory, j) =>
    (colTotals[j] ?? 0) === 0
      ? []
      : tab.rowCategories.map((rowCategory, i) => ({
          label: colCategory.label,
          series: rowCategory.label,
          percent: percentOf(counts[i]?.[j] ?? 0, colTotals[j] ?? 0) ?? 0,
        })),
  );
  const chart =
    total > 0
      ? {
          src: await stackedChart(bars, `% of the column (${tab.col.id})`, tab.row.id),
          alt: `Stacked bar chart: for each category of ${tab.col.id}, the percentages in each category of ${tab.row.id}; the figures are in the table above.`,
        }
      : undefined;
  return {
    caption: `${tab.row.label} by ${tab.col.label}`,
    filtersText: describeFilters(tab.filters),
    rowLabel: tab.row.label,
    colLabel: tab.col.label,
    columns: tab.colCategories.map((c) => ({ label: c.label })),
    rows,
    totals,
    empty: total === 0,
    test: describeTests(tab),
    ...(showLetters && {
      lettersNote:
        "Subscript letters compare column proportions within each row: two cells whose letters differ (share no letter) " +
        `differ significantly at the ${tab.columnTests.alpha} level (two-sided z-tests of two proportions, Bonferroni-adjusted for the pairs of columns in the row).`,
    }),
    excludedNote: describeExcluded(tab),
    ...(chart && { chart }),
  };
}

function describeTests(tab: CrossTab): CrossTabView["test"] {
  const chi = tab.chiSquare;
  const notes: string[] = [];
  const named = (indexes: number[], categories: { label: string }[]) =>
    indexes.map((i) => categories[i]?.label ?? "").join(", ");
  if (chi.droppedRows.length)
    notes.push(`Rows with no responses, left out of the test: ${named(chi.droppedRows, tab.rowCategories)}.`);
  if (chi.droppedColumns.length)
    notes.push(`Columns with no responses, left out of the test: ${named(chi.droppedColumns, tab.colCategories)}.`);
  if (!chi.testable) return { lines: [`No chi-square test: ${chi.reason}`], notes };
  const significant = chi.pValue < 0.05;
  const lines = [
    `Pearson chi-square test of independence: χ²(${chi.df}, N = ${formatCount(chi.n)}) = ${formatStatistic(chi.statistic)}, p ${formatP(chi.pValue)}; Cramér's V = ${formatStatistic(chi.cramersV)}.`,
    significant
      ? `The association between ${tab.row.id} and ${tab.col.id} is statistically significant at the 0.05 level: the distribution of ${tab.row.id} differs between the categories of ${tab.col.id}.`
      : `The association between ${tab.row.id} and ${tab.col.id} is not statistically significant at the 0.05 level: these data do not show that the distribution of ${tab.row.id} differs between the categories of ${tab.col.id}.`,
  ];
  const warning =
    chi.cellsExpectedBelow5 > 0
      ? `${chi.cellsExpectedBelow5} of ${chi.cellsTested} cells (${formatPercent(percentOf(chi.cellsExpectedBelow5, chi.cellsTested))}) have an expected count below 5; ` +
        `the smallest expected count is ${formatStatistic(chi.minExpected)}. The chi-square p-value may then be unreliable: consider combining categories or using an exact test.`
      : undefined;
  return { lines, notes, ...(warning && { warning }) };
}

function describeExcluded(tab: CrossTab): string {
  const parts: string[] = [];
  const add = (n: number, what: string) => n > 0 && parts.push(`${formatCount(n)} ${what}`);
  add(tab.rowMissing.notAsked, `not asked ${tab.row.id}`);
  add(tab.rowMissing.noAnswer, `asked ${tab.row.id} but did not answer`);
  add(tab.colMissing.notAsked, `not asked ${tab.col.id}`);
  add(tab.colMissing.noAnswer, `asked ${tab.col.id} but did not answer`);
  const head = `${formatCount(tab.responses)} responses match the filters; the table counts the ${formatCount(tab.total)} with an answer to both variables.`;
  if (tab.excluded === 0) return head;
  return `${head} Left out: ${formatCount(tab.excluded)} (${parts.join("; ")}; a response can be missing on both).`;
}
