// The researchers' Excel workbook, streamed: Responses (labels), Codes (numeric
// codes), Codebook, Invitations, one sheet per chosen saved cross-tab, and About. Responses are read a page at a time
// and every row is committed as it is made, so memory stays flat however many
// responses there are. The Codes sheet repeats the Responses rows exactly: its
// rows are spooled to a temporary file during the first pass rather than read
// again, because a second read could see a response that changed in between.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { finished, type Writable } from "node:stream";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { DbOrTx } from "../db/client.js";
import type { ReadConnection } from "../db/read-connection.js";
import type { Provider } from "../db/schema-files.js";
import { questionnaireOfVersion } from "../survey/questionnaire-versions.js";
import { CODEBOOK_HEADER, codebookRow } from "./codebook-rows.js";
import { aboutRows, type ExportCounts } from "./about-rows.js";
import { STATUS_LABELS } from "./export-filters.js";
import { maySeeContacts, type ExportViewer } from "./export-viewer.js";
import { sheetNameFor, writeCrossTabSheet, type ExportCrossTab } from "./crosstab-sheet.js";
import { invitationHeader, invitationRows } from "./invitation-pages.js";
import { RowCountMismatchError, type PreparedExport } from "./prepare-export.js";
import { FIXED_COLUMNS, headerRow, rowMaker, type Cell } from "./response-cells.js";
import { DEFAULT_PAGE_SIZE, responsePages, type ResponsePageLoader } from "./response-pages.js";
import { openSheet } from "./sheet-writer.js";
import { drained, writeChunk } from "./stream-output.js";

const streamFinished = promisify(finished);
const SUBMITTED_AT = FIXED_COLUMNS.indexOf("submitted_at");

/** `loadPage` reads the responses (responsePageLoader over the read connection; tests wrap it to fail). */
export type ExportRunOptions = { pageSize?: number; loadPage: ResponsePageLoader };

export async function writeResponsesWorkbook(
  options: {
    db: DbOrTx;
    /** the database behind `db` and `read` (the cross-tab sheets' SQL depends on it) */
    provider: Provider;
    /** the plain-driver connection the invitations are read through */
    read: ReadConnection;
    prepared: PreparedExport;
    output: Writable;
    viewer: ExportViewer;
    now?: Date;
    /** saved cross-tabs of this survey, each written as a sheet after Invitations */
    crossTabs?: readonly ExportCrossTab[];
  } & ExportRunOptions,
): Promise<ExportCounts> {
  const {
    db,
    provider,
    read,
    prepared,
    output,
    viewer,
    now = new Date(),
    crossTabs = [],
    pageSize = DEFAULT_PAGE_SIZE,
    loadPage,
  } = options;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  workbook.creator = viewer.email;
  const header = headerRow(prepared.variables);
  const makeRow = rowMaker(prepared.variables);
  const spoolDir = await mkdtemp(path.join(os.tmpdir(), "lesm-export-"));
  try {
    const spoolFile = path.join(spoolDir, "codes.jsonl");
    const spool = createWriteStream(spoolFile, { encoding: "utf8" });
    const responses = openSheet(workbook, output, "Responses", header);
    for await (const page of responsePages({ where: prepared.responseWhere, pageSize, loadPage })) {
      for (const response of page) {
        const questionnaire = await questionnaireOfVersion(db, response.questionnaireVersionId);
        const { codes, labels } = makeRow(response, questionnaire);
        await responses.add(labels);
        await writeChunk(spool, JSON.stringify(codes) + "\n");
      }
      await drained(output);
    }
    spool.end();
    await streamFinished(spool);
    if (responses.rows() !== prepared.responseCount)
      throw new RowCountMismatchError("Responses", prepared.responseCount, responses.rows());
    responses.commit();

    const codes = openSheet(workbook, output, "Codes", header);
    const lines = createInterface({ input: createReadStream(spoolFile, { encoding: "utf8" }), crlfDelay: Infinity });
    for await (const line of lines) {
      const cells = JSON.parse(line) as Cell[];
      // JSON has no dates: the submission time comes back as its ISO text.
      const submitted = cells[SUBMITTED_AT];
      if (typeof submitted === "string") cells[SUBMITTED_AT] = new Date(submitted);
      await codes.add(cells);
    }
    codes.commit();

    const codebook = openSheet(workbook, output, "Codebook", [...CODEBOOK_HEADER], {
      widths: [28, 12, 24, 18, 60, 36, 12, 48, 48, 36, 20],
    });
    for (const variable of prepared.variables) await codebook.add(codebookRow(variable));
    codebook.commit();

    const withContacts = maySeeContacts(viewer);
    const invitations = openSheet(workbook, output, "Invitations", invitationHeader(withContacts));
    for await (const row of invitationRows({ read, where: prepared.invitationWhere, withContacts, pageSize }))
      await invitations.add(row);
    if (invitations.rows() !== prepared.invitationCount)
      throw new RowCountMismatchError("Invitations", prepared.invitationCount, invitations.rows());
    invitations.commit();

    const taken = new Set(["responses", "codes", "codebook", "invitations", "about"]);
    const crossTabSheets: string[] = [];
    for (const crossTab of crossTabs) {
      const sheetName = sheetNameFor(crossTab.name, taken);
      await writeCrossTabSheet({
        db,
        provider,
        workbook,
        sheetName,
        surveyId: prepared.survey.id,
        questionnaire: prepared.questionnaire,
        crossTab,
      });
      crossTabSheets.push(sheetName);
      await drained(output);
    }

    const counts: ExportCounts = {
      responses: responses.rows(),
      codes: codes.rows(),
      codebook: codebook.rows(),
      invitations: invitations.rows(),
    };
    const about = openSheet(workbook, output, "About", ["item", "value"], { widths: [28, 100], filter: false });
    const rows = aboutRows({
      prepared,
      counts,
      viewer,
      now,
      filters: STATUS_LABELS[prepared.filters.status],
      contactsIncluded: withContacts,
      crossTabSheets,
    });
    for (const row of rows) await about.add(row);
    about.commit();
    await workbook.commit();
    return counts;
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
}
