// A CSV line of export cells. Numbers are written as they are: csvCell would
// prefix the missing codes -8 and -9 with a quote (they start with "-"), and a
// number can never be a formula. Every other cell goes through csvCell.
import { csvCell } from "../http/csv.js";
import type { Cell } from "./response-cells.js";

export function csvRow(cells: readonly Cell[]): string {
  return cells.map((c) => (typeof c === "number" ? String(c) : csvCell(c))).join(",") + "\r\n";
}
