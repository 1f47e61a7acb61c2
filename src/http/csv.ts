// CSV for spreadsheets: RFC 4180 quoting, a BOM so Excel reads UTF-8, and any
// cell a spreadsheet would take for a formula (= + - @ tab CR) made plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  // A number is never a formula: -8 and -9 (missing codes) stay numbers.
  if (typeof value === "number") return String(value);
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

export const CSV_BOM = "\uFEFF";
