// One saved cross-tab as a sheet of the workbook: the same counts and
// percentages as its page (computed by the same functions, with the saved
// definition's own filters), written as numbers, percentages as fractions with
// a percent format so that they can be summed and charted; then the tests and
// warnings as text rows, and the chart as a picture below them.
import type ExcelJS from "exceljs";
import type { DbOrTx } from "../db/client.js";
import type { Provider } from "../db/schema-files.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { svgOfDataUri, svgToPng } from "../results/chart-png.js";
import { computeCrossTab } from "../results/compute-crosstab.js";
import type { CrossTabDefinition } from "../results/crosstab-definition.js";
import { crossTabCells, presentCrossTab, type CrossTabCell } from "../results/present-crosstab.js";
import { addPicture } from "./sheet-image.js";

export const PERCENT_FORMAT = "0.0%";
const PERCENT_HEADINGS = { row: "row %", column: "column %", total: "% of total" } as const;
/** Rows above the table's header: its title and what it counts. */
const TITLE_ROWS = 2;

export type ExportCrossTab = { slug: string; name: string; definition: CrossTabDefinition };

export async function writeCrossTabSheet(options: {
  db: DbOrTx;
  provider: Provider;
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  sheetName: string;
  surveyId: number;
  questionnaire: Questionnaire;
  crossTab: ExportCrossTab;
}): Promise<void> {
  const { db, provider, workbook, sheetName, surveyId, questionnaire, crossTab } = options;
  const { definition } = crossTab;
  const tab = await computeCrossTab({
    db,
    provider,
    surveyId,
    questionnaire,
    rowId: definition.row,
    colId: definition.col,
    filters: definition.filters,
  });
  const view = await presentCrossTab(tab, definition.pct);
  const cells = crossTabCells(tab, definition.pct);
  const percentLabels = cells.totals.total.percents.map((p) => p.label);
  const perColumn = 1 + percentLabels.length;
  const columns = [...view.columns.map((c) => c.label), "Total"];
  const width = 1 + columns.length * perColumn;
  const headerRowNumber = TITLE_ROWS + 1;
  const lastDataRow = headerRowNumber + cells.rows.length;

  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", xSplit: 1, ySplit: headerRowNumber }],
  });
  sheet.columns = [{ width: 40 }, ...Array.from({ length: width - 1 }, () => ({ width: 14 }))];
  sheet.autoFilter = { from: { row: headerRowNumber, column: 1 }, to: { row: lastDataRow, column: width } };

  // the streaming sheet does not count its committed rows
  let rowsWritten = 0;
  const addRow = (values: ExcelJS.CellValue[]) => {
    rowsWritten += 1;
    return sheet.addRow(values);
  };
  const textRow = (text: string, bold = false) => {
    const row = addRow([text]);
    if (bold) row.font = { bold: true };
    row.commit();
  };
  textRow(`${crossTab.name}: ${view.caption}`, true);
  textRow(`${view.filtersText}. ${view.excludedNote}`);

  const header = addRow([
    view.rowLabel,
    ...columns.flatMap((label) => [`${label}: n`, ...percentLabels.map((p) => `${label}: ${PERCENT_HEADINGS[p]}`)]),
  ]);
  header.font = { bold: true };
  header.commit();

  const dataRow = (label: string, row: CrossTabCell[], bold: boolean) => {
    const values = row.flatMap((cell) => [cell.count, ...cell.percents.map((p) => p.share)]);
    const added = addRow([label, ...values]);
    added.getCell(1).font = { bold };
    row.forEach((_, k) => {
      for (let p = 1; p <= percentLabels.length; p += 1) added.getCell(2 + k * perColumn + p).numFmt = PERCENT_FORMAT;
    });
    added.commit();
  };
  for (const row of cells.rows) dataRow(row.label, [...row.cells, row.total], false);
  dataRow("Total", [...cells.totals.cells, cells.totals.total], true);

  textRow("");
  textRow("Significance tests", true);
  for (const line of view.test.lines) textRow(line);
  if (view.test.warning) textRow(`Warning: ${view.test.warning}`, true);
  for (const note of view.test.notes) textRow(note);
  if (view.lettersNote)
    textRow(
      "The page shows subscript letters from column-proportion tests; open the saved cross-tab to see them: " +
        `/results/crosstabs/${crossTab.slug}`,
    );
  if (view.empty) textRow("No response has an answer to both variables with these filters.");

  if (view.chart) {
    textRow("");
    const chart = svgToPng(svgOfDataUri(view.chart.src));
    // zero-based: the row after the last one written
    addPicture(workbook, sheet, { png: chart.png, col: 0, row: rowsWritten, width: chart.width, height: chart.height });
  }
  sheet.commit();
}

/**
 * Excel's rules for sheet names: at most 31 characters, none of \ / ? * [ ] :,
 * not starting or ending with an apostrophe, unique regardless of case.
 */
export function sheetNameFor(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[\\/?*[\]:]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^'+|'+$/g, "")
      .trim() || "Cross-tab";
  // Excel keeps "History" for itself
  if (base.toLowerCase() === "history") taken.add("history");
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}
