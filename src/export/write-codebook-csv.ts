// The codebook as CSV (UTF-8 with a BOM), the companion of responses.csv.
import type { Writable } from "node:stream";
import { CSV_BOM } from "../http/csv.js";
import type { CodebookVariable } from "../questionnaire/index.js";
import { CODEBOOK_HEADER, codebookRow } from "./codebook-rows.js";
import { csvRow } from "./csv-row.js";
import { writeChunk } from "./stream-output.js";

export async function writeCodebookCsv(options: {
  variables: readonly CodebookVariable[];
  output: Writable;
}): Promise<number> {
  const { variables, output } = options;
  await writeChunk(output, CSV_BOM + csvRow([...CODEBOOK_HEADER]));
  for (const variable of variables) await writeChunk(output, csvRow(codebookRow(variable)));
  output.end();
  return variables.length;
}
