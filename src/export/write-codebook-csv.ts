// The codebook as CSV (UTF-8 with a BOM), the companion of responses.csv.
import type { Writable } from "node:stream";
import { CSV_BOM, csvLine } from "../http/csv.js";
import type { CodebookVariable } from "../questionnaire/index.js";
import { CODEBOOK_HEADER, codebookRow } from "./codebook-rows.js";
import { writeChunk } from "./stream-output.js";

export async function writeCodebookCsv(options: {
  variables: readonly CodebookVariable[];
  output: Writable;
}): Promise<number> {
  const { variables, output } = options;
  await writeChunk(output, CSV_BOM + csvLine([...CODEBOOK_HEADER]));
  for (const variable of variables) await writeChunk(output, csvLine(codebookRow(variable)));
  output.end();
  return variables.length;
}
