// The shape every sheet of the export shares: a bold, frozen header row with an
// autofilter, then rows committed one by one so the streaming writer keeps
// nothing but the current row. Cells are only strings, numbers, dates or empty:
// a string is written as an inline string, never as `{ formula }`, so a value
// such as `=HYPERLINK(...)` reaches the spreadsheet as the text it is.
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Cell } from "./response-cells.js";
import { drained } from "./stream-output.js";

/** Rows between back-pressure checks: often enough to bound memory, rarely enough to cost nothing. */
const DRAIN_EVERY = 500;

export type SheetWriter = { add(cells: readonly Cell[]): Promise<void>; rows(): number; commit(): void };

export function openSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  output: Writable,
  name: string,
  header: readonly string[],
  options: { widths?: number[]; filter?: boolean } = {},
): SheetWriter {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  if (options.widths) sheet.columns = options.widths.map((width) => ({ width }));
  if (options.filter !== false && header.length > 0)
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const headerRow = sheet.addRow([...header]);
  headerRow.font = { bold: true };
  headerRow.commit();
  let count = 0;
  return {
    async add(cells) {
      sheet.addRow(cells.map(plainCell)).commit();
      count += 1;
      if (count % DRAIN_EVERY === 0) await drained(output);
    },
    rows: () => count,
    commit: () => sheet.commit(),
  };
}

/** Guards the cell types at run time too: anything else becomes its text. */
function plainCell(cell: Cell): Cell {
  if (cell === null || typeof cell === "number" || typeof cell === "string" || cell instanceof Date) return cell;
  return String(cell);
}
