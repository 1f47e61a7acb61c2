// From grouped counts to a cross-tab: categories in questionnaire order (codes
// the questionnaire does not know are kept, not dropped), counts, margins and
// what was left out because a variable was not asked or not answered.
import { sum } from "./chi-square.js";
import { NOT_ASKED, NO_ANSWER, isMissing } from "./variable-sql.js";
import type { Category, CrossVariable } from "./variables.js";

export type GroupedCount = { row: string; col: string; n: number };

export type Missing = { notAsked: number; noAnswer: number };

export type CrossTabTable = {
  rowCategories: Category[];
  colCategories: Category[];
  /** counts[i][j]: row category i, column category j */
  counts: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  /** responses that passed the filters, before missing values are left out */
  responses: number;
  rowMissing: Missing;
  colMissing: Missing;
  /** responses left out of the table (missing on either variable) */
  excluded: number;
};

export function buildCrossTab(row: CrossVariable, col: CrossVariable, grouped: readonly GroupedCount[]): CrossTabTable {
  const valid = grouped.filter((g) => !isMissing(g.row) && !isMissing(g.col));
  const rowCategories = categoriesOf(
    row,
    valid.map((g) => g.row),
  );
  const colCategories = categoriesOf(
    col,
    valid.map((g) => g.col),
  );
  const rowIndex = new Map(rowCategories.map((c, i) => [c.code, i]));
  const colIndex = new Map(colCategories.map((c, j) => [c.code, j]));
  const counts = rowCategories.map(() => colCategories.map(() => 0));
  for (const g of valid) {
    const i = rowIndex.get(g.row);
    const j = colIndex.get(g.col);
    if (i !== undefined && j !== undefined) counts[i]![j]! += g.n;
  }
  const missingOf = (pick: (g: GroupedCount) => string): Missing => ({
    notAsked: sum(grouped.filter((g) => pick(g) === NOT_ASKED).map((g) => g.n)),
    noAnswer: sum(grouped.filter((g) => pick(g) === NO_ANSWER).map((g) => g.n)),
  });
  const total = sum(valid.map((g) => g.n));
  const responses = sum(grouped.map((g) => g.n));
  return {
    rowCategories,
    colCategories,
    counts,
    rowTotals: counts.map((r) => sum(r)),
    colTotals: colCategories.map((_, j) => sum(counts.map((r) => r[j] ?? 0))),
    total,
    responses,
    rowMissing: missingOf((g) => g.row),
    colMissing: missingOf((g) => g.col),
    excluded: responses - total,
  };
}

/** The variable's categories, then unknown codes seen in the data; empty ones dropped where the list is long. */
function categoriesOf(variable: CrossVariable, seen: readonly string[]): Category[] {
  const present = new Set(seen);
  const known = new Set(variable.categories.map((c) => c.code));
  const extra = [...present]
    .filter((code) => !known.has(code))
    .sort()
    .map((code) => ({ code, label: `${code} (not in the questionnaire)` }));
  const listed = variable.hideEmpty ? variable.categories.filter((c) => present.has(c.code)) : variable.categories;
  return [...listed, ...extra];
}
