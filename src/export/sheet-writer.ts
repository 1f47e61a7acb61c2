// The shape every sheet of the export shares: a bold, frozen header row with an
// autofilter, then rows committed one by one so the streaming writer keeps
// nothing but the current row, at the pace the zip and the output take them.
// Cells are only strings, numbers, dates or empty: a string is written as an inline string, never as `{ formula }`, so a value
// such as `=HYPERLINK(...)` reaches the spreadsheet as the text it is.
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Cell } from "./response-cells.js";
import { drained } from "./stream-output.js";

/** Rows between back-pressure checks: often enough to bound memory, rarely enough to cost nothing. */
const DRAIN_EVERY = 50;

/**
 * exceljs hands each sheet's XML to the zip entry's stream without waiting
 * when that stream is full (lib/utils/stream-buf.js ignores write()'s answer),
 * so when rows come faster than zlib compresses them they pile up in front of
 * the zip and memory grows with the file, even while the final output keeps
 * up. Waiting for that stream's 'drain' (the sheet stream's pipe, an exceljs
 * internal: the PassThrough archiver-utils wraps the sheet in, see drained())
 * closes that gap; the pressure of a slow client reaches it through the zip
 * stream's pipe to the output.
 */
export async function deflated(worksheet: ExcelJS.Worksheet, output: Writable): Promise<void> {
  const pipes = (worksheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) await drained(pipe, output);
  await drained(output);
}

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
  const shareStyle = styleSharer();
  let count = 0;
  return {
    async add(cells) {
      const row = sheet.addRow(cells.map(plainCell));
      row.eachCell(shareStyle);
      row.commit();
      count += 1;
      if (count % DRAIN_EVERY === 0) await deflated(sheet, output);
    },
    rows: () => count,
    commit: () => sheet.commit(),
  };
}

/**
 * exceljs gives every cell a fresh, empty style object, and the workbook's
 * style registry renders each object it has not seen to XML to find its id:
 * about 40% of the writer's time in a large export. A data cell with no style
 * of its own (none from its row or column) can share one empty object with
 * the cells of its value type, which the registry then knows (it keeps a
 * WeakMap of objects seen). One object per type, because for a style without
 * a number format the registry picks one by the cell's type (dates get a date
 * format), and it remembers the first answer for the object.
 */
function styleSharer(): (cell: ExcelJS.Cell) => void {
  const byType = new Map<number, Partial<ExcelJS.Style>>();
  return (cell) => {
    if (Object.keys(cell.style).length > 0) return; // styled by its row or column: left as it is
    let style = byType.get(cell.type);
    if (!style) byType.set(cell.type, (style = {}));
    cell.style = style;
  };
}

/** Guards the cell types at run time too: anything else becomes its text. */
function plainCell(cell: Cell): Cell {
  if (cell === null || typeof cell === "number" || typeof cell === "string" || cell instanceof Date) return cell;
  return String(cell);
}
