// What an uploaded sample-frame file may be, and the one error type for files
// that break those rules: its message is shown on the upload page as it is.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
// The US has about 18,000 agencies; anything far beyond is not a sample frame.
export const MAX_ROWS = 30_000;
export const MAX_COLUMNS = 100;
// What an .xlsx may expand to. A legitimate 18,000-agency workbook is about
// 15 MB of XML; the budget stops "zip bombs" before exceljs builds them in memory.
export const MAX_XLSX_EXPANDED_BYTES = 60 * 1024 * 1024;

export class ImportFileError extends Error {
  override readonly name = "ImportFileError";
}

/** A spreadsheet as rows of cell text; `number` is the row number a spreadsheet program shows. */
export type RawTable = { rows: { number: number; cells: string[] }[]; notes: string[] };

/** "A", "B", ... "Z", "AA": how spreadsheets name the column at a 0-based index. */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
