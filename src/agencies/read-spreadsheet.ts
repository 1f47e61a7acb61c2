// An uploaded file, whatever it claims to be, checked by its content and read
// into a header row and data rows of clean text. Every problem becomes an
// ImportFileError whose message tells a coordinator what to do.
import path from "node:path";
import { cleanText } from "./agency-values.js";
import { readCsv } from "./read-csv.js";
import { readXlsx } from "./read-xlsx.js";
import { ImportFileError, MAX_COLUMNS, MAX_ROWS, columnLetter, type RawTable } from "./spreadsheet-limits.js";

export type SheetData = {
  headers: string[];
  /** The spreadsheet row number of each data row (the header is usually row 1). */
  rowNumbers: number[];
  rows: string[][];
  headerRow: number;
  blankRows: number;
  notes: string[];
};

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((b, i) => buffer[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function contentKind(buffer: Buffer): "zip" | "xls" | "pdf" | "other" {
  if (startsWith(buffer, ZIP)) return "zip";
  if (startsWith(buffer, OLE)) return "xls";
  if (buffer.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  return "other";
}

async function readRaw(buffer: Buffer, fileName: string): Promise<RawTable> {
  const extension = path.extname(fileName).toLowerCase();
  const kind = contentKind(buffer);
  if (kind === "xls") {
    throw new ImportFileError(
      "This is an Excel 97-2003 workbook (.xls), which cannot be read here. In Excel, choose File > Save As and save it as Excel Workbook (.xlsx) or CSV UTF-8.",
    );
  }
  if (kind === "pdf")
    throw new ImportFileError("This is a PDF document, not a spreadsheet. Upload a .csv or .xlsx file.");
  if (extension === ".xlsx") {
    if (kind !== "zip") {
      throw new ImportFileError(
        "The file is named .xlsx but it is not an Excel workbook. If it is a CSV file, rename it to end in .csv.",
      );
    }
    return readXlsx(buffer);
  }
  if (extension === ".csv") {
    if (kind === "zip") {
      throw new ImportFileError(
        "The file is named .csv but it is an Excel workbook (or another archive). If it is a workbook, rename it to end in .xlsx.",
      );
    }
    return readCsv(buffer);
  }
  throw new ImportFileError(
    `Choose a CSV (.csv) or Excel (.xlsx) file. “${fileName}” is neither: in your spreadsheet program, save it as CSV UTF-8 or as Excel Workbook.`,
  );
}

export async function readSpreadsheet(options: { buffer: Buffer; fileName: string }): Promise<SheetData> {
  const { buffer, fileName } = options;
  if (buffer.length === 0) throw new ImportFileError("The file is empty. Choose the file that lists the agencies.");
  const raw = await readRaw(buffer, fileName);
  const cleaned = raw.rows.map((row) => ({ number: row.number, cells: row.cells.map(cleanText) }));
  const filled = cleaned.filter((row) => row.cells.some((cell) => cell !== ""));
  const header = filled[0];
  if (!header) throw new ImportFileError("The file has no rows with anything in them.");
  const data = filled.slice(1);
  if (data.length === 0) {
    throw new ImportFileError(
      `The file has a header row (${header.cells.filter(Boolean).slice(0, 5).join(", ")}) but no agencies under it.`,
    );
  }
  if (data.length > MAX_ROWS) {
    throw new ImportFileError(
      `The file has more than ${MAX_ROWS.toLocaleString("en-US")} rows; a sample frame of US agencies has about 18,000. Split the file.`,
    );
  }
  const width = filled.reduce((max, row) => Math.max(max, row.cells.length), 0);
  if (width > MAX_COLUMNS)
    throw new ImportFileError(`The file has more than ${MAX_COLUMNS} columns. Delete the columns you do not need.`);
  // Trailing empty columns (cells formatted but never filled) are not columns anyone means.
  let used = width;
  while (used > 0 && filled.every((row) => !row.cells[used - 1])) used--;
  const headers = Array.from({ length: used }, (_, i) => header.cells[i] || `Column ${columnLetter(i)} (no header)`);
  // Rows between the header and the last agency that hold nothing; a workbook does not
  // even store those, so count the gaps in the row numbers rather than the rows read.
  const blankRows = data.at(-1)!.number - header.number - data.length;
  return {
    headers,
    headerRow: header.number,
    rowNumbers: data.map((row) => row.number),
    rows: data.map((row) => Array.from({ length: used }, (_, i) => row.cells[i] ?? "")),
    blankRows,
    notes: raw.notes,
  };
}
