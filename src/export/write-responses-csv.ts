// The responses as CSV: one row per response, variables as numeric codes (the
// form statistics packages read; labels are in the codebook), UTF-8 with a BOM
// so Excel reads it right. Streamed a page at a time, like the workbook.
import type { Writable } from "node:stream";
import type { DbOrTx } from "../db/client.js";
import { CSV_BOM, csvLine } from "../http/csv.js";
import { questionnaireOfVersion } from "../survey/questionnaire-versions.js";
import { RowCountMismatchError, type PreparedExport } from "./prepare-export.js";
import { headerRow, rowMaker } from "./response-cells.js";
import { DEFAULT_PAGE_SIZE, responsePages } from "./response-pages.js";
import { writeChunk } from "./stream-output.js";
import type { ExportRunOptions } from "./write-responses-workbook.js";

export async function writeResponsesCsv(
  options: { db: DbOrTx; prepared: PreparedExport; output: Writable } & ExportRunOptions,
): Promise<number> {
  const { db, prepared, output, pageSize = DEFAULT_PAGE_SIZE, loadPage } = options;
  const makeRow = rowMaker(prepared.variables);
  await writeChunk(output, CSV_BOM + csvLine(headerRow(prepared.variables)));
  let rows = 0;
  for await (const page of responsePages({ where: prepared.responseWhere, pageSize, loadPage })) {
    let chunk = "";
    for (const response of page) {
      const questionnaire = await questionnaireOfVersion(db, response.questionnaireVersionId);
      chunk += csvLine(makeRow(response, questionnaire).codes);
      rows += 1;
    }
    await writeChunk(output, chunk);
  }
  if (rows !== prepared.responseCount) throw new RowCountMismatchError("responses.csv", prepared.responseCount, rows);
  output.end();
  return rows;
}
