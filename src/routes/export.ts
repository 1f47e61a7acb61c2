// Exports for researchers: the page, the streamed workbook and the CSVs. Counts
// are taken before streaming (headers go first) and every download is audited;
// a failure midway breaks the download (see http/download.ts).
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { recordDownload } from "../audit/record-download.js";
import { CSV_TYPE, startDownload, streamDownload, XLSX_TYPE } from "../http/download.js";
import { parseExportFilters, type ExportFilters } from "../export/export-filters.js";
import { chooseExportCrossTabs, crossTabSlugsOf } from "../export/choose-export-crosstabs.js";
import type { ExportCrossTab } from "../export/crosstab-sheet.js";
import { chooseExportSurvey } from "../export/list-export-surveys.js";
import { presentExportPage } from "../export/present-export-page.js";
import { prepareExport, type PreparedExport } from "../export/prepare-export.js";
import { responsePageLoader } from "../export/response-pages.js";
import { writeCodebookCsv } from "../export/write-codebook-csv.js";
import { writeResponsesCsv } from "../export/write-responses-csv.js";
import { writeResponsesWorkbook, type ExportRunOptions } from "../export/write-responses-workbook.js";

/** `options` lets tests shrink pages or make one fail, a fault a real database will not make on cue. */
export function exportRouter({ db, clock }: AppDeps, overrides: Partial<ExportRunOptions> = {}): Router {
  const router = Router();
  const options: ExportRunOptions = { loadPage: responsePageLoader(db.read, db.provider), ...overrides };
  const researcher = allow("researcher");

  router.get("/export", researcher, async (req, res) => {
    res.render("pages/export", await presentExportPage({ db: db.prisma, viewer: req.user! }));
  });

  /** The export asked for, of a survey the viewer was granted; the filters as asked are kept for the audit. */
  async function prepare(req: Request): Promise<{ prepared: PreparedExport; requested: ExportFilters }> {
    const requested = parseExportFilters(req.query);
    const survey = await chooseExportSurvey({ db: db.prisma, viewer: req.user!, slug: requested.survey });
    const filters = { ...requested, survey };
    return {
      prepared: await prepareExport({
        db: db.prisma,
        read: db.read,
        provider: db.provider,
        filters,
        now: clock?.now(),
      }),
      requested,
    };
  }

  async function audit(
    req: Request,
    format: string,
    { prepared, requested }: { prepared: PreparedExport; requested: ExportFilters },
    crossTabs: ExportCrossTab[] = [],
  ) {
    const rows = format === "codebook.csv" ? prepared.variables.length : prepared.responseCount;
    await recordDownload({
      db: db.prisma,
      req,
      surveySlug: prepared.survey.slug,
      detail: {
        format,
        filters: requested,
        rows,
        ...(crossTabs.length > 0 && { crossTabs: crossTabs.map((c) => c.slug) }),
      },
    });
  }

  router.get("/export/responses.xlsx", researcher, async (req, res) => {
    const asked = await prepare(req);
    const { prepared } = asked;
    const slugs = crossTabSlugsOf(req.query as Record<string, unknown>);
    const choice = await chooseExportCrossTabs({ db: db.prisma, survey: prepared.survey, slugs });
    if (!choice.ok) {
      const chosen = { survey: prepared.survey.slug, status: prepared.filters.status, crossTabs: choice.chosen };
      const page = await presentExportPage({
        db: db.prisma,
        viewer: req.user!,
        chosen: { ...chosen, error: choice.error },
      });
      return res.status(400).render("pages/export", page);
    }
    await audit(req, "xlsx", asked, choice.crossTabs);
    startDownload(res, XLSX_TYPE, `${prepared.survey.slug}-responses.xlsx`, prepared.responseCount);
    await streamDownload(req, res, () =>
      writeResponsesWorkbook({
        db: db.prisma,
        provider: db.provider,
        read: db.read,
        prepared,
        output: res,
        viewer: req.user!,
        now: clock?.now(),
        crossTabs: choice.crossTabs,
        ...options,
      }),
    );
  });

  router.get("/export/responses.csv", researcher, async (req, res) => {
    const asked = await prepare(req);
    const { prepared } = asked;
    await audit(req, "responses.csv", asked);
    startDownload(res, CSV_TYPE, `${prepared.survey.slug}-responses.csv`, prepared.responseCount);
    await streamDownload(req, res, () => writeResponsesCsv({ db: db.prisma, prepared, output: res, ...options }));
  });

  router.get("/export/codebook.csv", researcher, async (req, res) => {
    const asked = await prepare(req);
    const { prepared } = asked;
    await audit(req, "codebook.csv", asked);
    startDownload(res, CSV_TYPE, `${prepared.survey.slug}-codebook.csv`, prepared.variables.length);
    await streamDownload(req, res, () => writeCodebookCsv({ variables: prepared.variables, output: res }));
  });
  return router;
}
