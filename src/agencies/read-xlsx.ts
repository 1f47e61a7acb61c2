// The first worksheet of an Excel workbook as rows of text, taking from each
// cell what a person sees in it: a formula's result, a rich-text cell's text,
// the address of a mailto link, a date as YYYY-MM-DD.
import ExcelJS from "exceljs";
import { checkZipExpansion } from "./zip-guard.js";
import {
  ImportFileError,
  MAX_COLUMNS,
  MAX_ROWS,
  MAX_XLSX_EXPANDED_BYTES,
  type RawTable,
} from "./spreadsheet-limits.js";

type Value = ExcelJS.CellValue;

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

export function cellText(value: Value): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // Excel keeps 15 significant digits; more would show binary noise (0.30000000000000004).
  if (typeof value === "number") return String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) {
    const link = String(value.hyperlink);
    // The link of an email cell is the address, whatever its text says ("Email the chief").
    if (/^mailto:/i.test(link)) return decodeURIComponent(link.replace(/^mailto:/i, "").replace(/\?.*$/, ""));
    return cellText(value.text as Value);
  }
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result as Value);
  if ("error" in value) return value.error;
  return "";
}

export async function readXlsx(buffer: Buffer): Promise<RawTable> {
  const entries = checkZipExpansion(buffer, MAX_XLSX_EXPANDED_BYTES);
  if (!entries.includes("xl/workbook.xml")) {
    throw new ImportFileError(
      "The file is named .xlsx but it is not an Excel workbook (it may be another kind of document). Save it from Excel as .xlsx or as CSV UTF-8.",
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(
      "The workbook could not be read. Open it in Excel, save it again as .xlsx, and upload that.",
    );
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === "visible" || sheet.state === undefined);
  const sheet = sheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return { rows: [], notes: [] };
  const notes = [`Read the sheet “${sheet.name}”.`];
  if (sheets.length > 1) notes.push(`The other ${sheets.length - 1} sheet(s) of the workbook were not read.`);
  const rows: RawTable["rows"] = [];
  let problem: string | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (problem) return;
    if (rows.length > MAX_ROWS) {
      problem = `The sheet has more than ${MAX_ROWS.toLocaleString("en-US")} rows; a sample frame of US agencies has about 18,000. Split the file.`;
      return;
    }
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS)
        problem = `The sheet has more than ${MAX_COLUMNS} columns. Delete the columns you do not need.`;
      else cells[column - 1] = cellText(cell.value);
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? "") });
  });
  if (problem) throw new ImportFileError(problem);
  return { rows, notes };
}
