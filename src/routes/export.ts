// Exports for researchers: the page, the streamed workbook and the CSVs. Counts
// are taken before streaming (headers go first) and every download is audited;
// a failure midway breaks the download (see http/download.ts).
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { recordDownload } from "../audit/record-download.js";
import { CSV_TYPE, startDownload, streamDownload, XLSX_TYPE } from "../http/download.js";
import { parseExportFilters } from "../export/export-filters.js";
import { chooseExportSurvey, listExportSurveys } from "../export/list-export-surveys.js";
import { prepareExport, type PreparedExport } from "../export/prepare-export.js";
import { writeCodebookCsv } from "../export/write-codebook-csv.js";
import { writeResponsesCsv } from "../export/write-responses-csv.js";
import { writeResponsesWorkbook, type ExportRunOptions } from "../export/write-responses-workbook.js";

/** `options` lets tests shrink pages or make one fail, a fault a real database will not make on cue. */
export function exportRouter({ db, clock }: AppDeps, options: ExportRunOptions = {}): Router {
  const router = Router();
  const researcher = allow("researcher");

  router.get("/export", researcher, async (req, res) => {
    const surveys = await listExportSurveys({ db: db.prisma, viewer: req.user! });
    res.render("pages/export", { pageTitle: "Export the data", surveys });
  });

  async function begin(req: Request, format: string): Promise<PreparedExport> {
    const requested = parseExportFilters(req.query);
    const survey = await chooseExportSurvey({ db: db.prisma, viewer: req.user!, slug: requested.survey });
    const filters = { ...requested, survey };
    const prepared = await prepareExport({ db: db.prisma, filters, now: clock?.now() });
    const rows = format === "codebook.csv" ? prepared.variables.length : prepared.responseCount;
    await recordDownload({
      db: db.prisma,
      req,
      surveySlug: prepared.survey.slug,
      detail: { format, filters: requested, rows },
    });
    return prepared;
  }

  router.get("/export/responses.xlsx", researcher, async (req, res) => {
    const prepared = await begin(req, "xlsx");
    startDownload(res, XLSX_TYPE, `${prepared.survey.slug}-responses.xlsx`, prepared.responseCount);
    await streamDownload(req, res, () =>
      writeResponsesWorkbook({
        db: db.prisma,
        prepared,
        output: res,
        viewer: req.user!,
        now: clock?.now(),
        ...options,
      }),
    );
  });

  router.get("/export/responses.csv", researcher, async (req, res) => {
    const prepared = await begin(req, "responses.csv");
    startDownload(res, CSV_TYPE, `${prepared.survey.slug}-responses.csv`, prepared.responseCount);
    await streamDownload(req, res, () => writeResponsesCsv({ db: db.prisma, prepared, output: res, ...options }));
  });

  router.get("/export/codebook.csv", researcher, async (req, res) => {
    const prepared = await begin(req, "codebook.csv");
    startDownload(res, CSV_TYPE, `${prepared.survey.slug}-codebook.csv`, prepared.variables.length);
    await streamDownload(req, res, () => writeCodebookCsv({ variables: prepared.variables, output: res }));
  });
  return router;
}
