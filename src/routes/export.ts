// Exports for researchers: the page, the streamed workbook and the CSVs. Counts
// are taken before streaming (headers go first) and every download is audited.
// Once the first byte is out, a failure can no longer become an error page, so
// the connection is destroyed: the client sees a broken download, never a
// shorter file that looks complete.
import { Router, type Request, type Response } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { recordAudit } from "../audit/record-audit.js";
import { parseExportFilters } from "../export/export-filters.js";
import { chooseExportCrossTabs, crossTabSlugsOf } from "../export/choose-export-crosstabs.js";
import type { ExportCrossTab } from "../export/crosstab-sheet.js";
import { presentExportPage } from "../export/present-export-page.js";
import { prepareExport, type PreparedExport } from "../export/prepare-export.js";
import { responsePageLoader } from "../export/response-pages.js";
import { writeCodebookCsv } from "../export/write-codebook-csv.js";
import { writeResponsesCsv } from "../export/write-responses-csv.js";
import { writeResponsesWorkbook, type ExportRunOptions } from "../export/write-responses-workbook.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv; charset=utf-8";

/** `options` lets tests shrink pages or make one fail, a fault a real database will not make on cue. */
export function exportRouter({ db, clock }: AppDeps, overrides: Partial<ExportRunOptions> = {}): Router {
  const router = Router();
  const options: ExportRunOptions = { loadPage: responsePageLoader(db.read, db.provider), ...overrides };
  const researcher = allow("researcher");

  router.get("/export", researcher, async (_req, res) => {
    res.render("pages/export", await presentExportPage({ db: db.prisma }));
  });

  async function prepare(req: Request): Promise<PreparedExport> {
    return prepareExport({ db: db.prisma, filters: parseExportFilters(req.query), now: clock?.now() });
  }

  async function begin(req: Request, format: string, prepared: PreparedExport, crossTabs: ExportCrossTab[] = []) {
    const rows = format === "codebook.csv" ? prepared.variables.length : prepared.responseCount;
    await recordAudit({
      db: db.prisma,
      action: "export.downloaded",
      actorUserId: req.user!.id,
      actorLabel: req.user!.email,
      targetType: "survey",
      targetId: prepared.survey.slug,
      detail: {
        format,
        filters: prepared.filters,
        rows,
        ...(crossTabs.length > 0 && { crossTabs: crossTabs.map((c) => c.slug) }),
      },
      ip: req.ip ?? "",
    });
  }

  function headers(res: Response, type: string, filename: string, rows: number) {
    res
      .set("Content-Type", type)
      .set("Content-Disposition", `attachment; filename="${filename}"`)
      .set("X-Row-Count", String(rows))
      .set("Cache-Control", "no-store");
    // Out at once, so the browser shows the download starting while the first page is read.
    res.flushHeaders();
  }

  async function stream(req: Request, res: Response, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (err) {
      req.log.error({ err }, "export failed while streaming; the download is aborted");
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }

  router.get("/export/responses.xlsx", researcher, async (req, res) => {
    const prepared = await prepare(req);
    const slugs = crossTabSlugsOf(req.query as Record<string, unknown>);
    const choice = await chooseExportCrossTabs({ db: db.prisma, survey: prepared.survey, slugs });
    if (!choice.ok) {
      const chosen = { survey: prepared.survey.slug, status: prepared.filters.status, crossTabs: choice.chosen };
      return res
        .status(400)
        .render("pages/export", await presentExportPage({ db: db.prisma, chosen: { ...chosen, error: choice.error } }));
    }
    await begin(req, "xlsx", prepared, choice.crossTabs);
    headers(res, XLSX_TYPE, `${prepared.survey.slug}-responses.xlsx`, prepared.responseCount);
    await stream(req, res, () =>
      writeResponsesWorkbook({
        db: db.prisma,
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
    const prepared = await prepare(req);
    await begin(req, "responses.csv", prepared);
    headers(res, CSV_TYPE, `${prepared.survey.slug}-responses.csv`, prepared.responseCount);
    await stream(req, res, () => writeResponsesCsv({ db: db.prisma, prepared, output: res, ...options }));
  });

  router.get("/export/codebook.csv", researcher, async (req, res) => {
    const prepared = await prepare(req);
    await begin(req, "codebook.csv", prepared);
    headers(res, CSV_TYPE, `${prepared.survey.slug}-codebook.csv`, prepared.variables.length);
    await stream(req, res, () => writeCodebookCsv({ variables: prepared.variables, output: res }));
  });
  return router;
}
