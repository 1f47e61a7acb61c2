// The invitation list as CSV (UTF-8 with a BOM, formula-safe) or as a streamed
// Excel workbook, a page of agencies at a time with back-pressure, so the
// whole frame (some 18,000 agencies) never sits in memory. A list that comes
// out shorter than announced throws, and the route breaks the download.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ReadConnection } from "../db/read-connection.js";
import { RowCountMismatchError } from "../export/prepare-export.js";
import { openSheet } from "../export/sheet-writer.js";
import { writeChunk } from "../export/stream-output.js";
import { CSV_BOM, csvLine } from "../http/csv.js";
import { INVITATION_LIST_HEADER, invitationListRows, type PreparedInvitationList } from "./invitation-list.js";

type WriteOptions = { read: ReadConnection; prepared: PreparedInvitationList; output: Writable; pageSize?: number };

export async function writeInvitationListCsv(options: WriteOptions): Promise<number> {
  const { output, prepared } = options;
  await writeChunk(output, CSV_BOM + csvLine(INVITATION_LIST_HEADER));
  let rows = 0;
  let chunk = "";
  for await (const row of invitationListRows(options)) {
    chunk += csvLine(row);
    rows += 1;
    if (rows % 500 === 0) {
      await writeChunk(output, chunk);
      chunk = "";
    }
  }
  await writeChunk(output, chunk);
  if (rows !== prepared.rowCount) throw new RowCountMismatchError("invitations.csv", prepared.rowCount, rows);
  output.end();
  return rows;
}

export async function writeInvitationListWorkbook(options: WriteOptions & { creator: string }): Promise<number> {
  const { output, prepared } = options;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  workbook.creator = options.creator;
  const sheet = openSheet(workbook, output, "Invitations", INVITATION_LIST_HEADER, {
    widths: [10, 40, 12, 8, 14, 30, 10, 10, 16, 22, 22, 22, 22, 22, 10, 50, 28, 34],
  });
  for await (const row of invitationListRows(options)) await sheet.add(row);
  if (sheet.rows() !== prepared.rowCount)
    throw new RowCountMismatchError("Invitations", prepared.rowCount, sheet.rows());
  sheet.commit();
  await workbook.commit();
  return sheet.rows();
}
