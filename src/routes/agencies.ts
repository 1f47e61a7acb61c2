// The sample frame for coordinators: the agencies list, an agency's page (edit,
// do not contact), and the import in steps: upload -> columns -> preview -> apply.
import { Router, type Request, type RequestHandler } from "express";
import multer from "multer";
import type { AppDeps } from "../app.js";
import { formValuesOf } from "../agencies/agency-form.js";
import { readAgencyFilters } from "../agencies/agency-filters.js";
import { clearDoNotContact } from "../agencies/clear-do-not-contact.js";
import { cancelAgencyImport } from "../agencies/cancel-agency-import.js";
import { commitAgencyImport } from "../agencies/commit-agency-import.js";
import { getAgency } from "../agencies/get-agency.js";
import { getImportResult } from "../agencies/get-import-result.js";
import { loadPendingImport } from "../agencies/import-store.js";
import { guessMapping } from "../agencies/import-fields.js";
import { listAgencies } from "../agencies/list-agencies.js";
import { markDoNotContact } from "../agencies/mark-do-not-contact.js";
import { presentAgencyList } from "../agencies/present-agency-list.js";
import { presentAgencyPage } from "../agencies/present-agency-page.js";
import { presentMapping, presentPreview, readPreviewShow } from "../agencies/present-import.js";
import { previewAgencyImport } from "../agencies/preview-agency-import.js";
import { saveImportMapping } from "../agencies/save-import-mapping.js";
import { MAX_UPLOAD_BYTES } from "../agencies/spreadsheet-limits.js";
import { startAgencyImport } from "../agencies/start-agency-import.js";
import { updateAgency } from "../agencies/update-agency.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 10_000 },
  // Browsers send file names as UTF-8 ("Cañon City.csv"), not busboy's default latin1.
  defParamCharset: "utf8",
});

const uploadProblems: Record<string, string> = {
  LIMIT_FILE_SIZE: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Save only the agencies' sheet, or save it as CSV, which is smaller.`,
  LIMIT_FILE_COUNT: "Upload one file at a time.",
};

/** Parses the multipart form, then checks its CSRF token (multipart skips the global check). */
const receiveUpload: RequestHandler = (req, res, next) => {
  upload.single("file")(req, res, (error: unknown) => {
    const validate = req.app.get("csrfValidate") as (r: Request) => boolean;
    if (!validate(req)) return next(Object.assign(new Error("invalid csrf token"), { status: 403 }));
    if (error) {
      const code = error instanceof multer.MulterError ? error.code : "";
      res.locals.uploadProblem =
        uploadProblems[code] ?? "The upload did not arrive whole. Choose the file and try again.";
      res.locals.uploadStatus = code === "LIMIT_FILE_SIZE" ? 413 : 400;
    }
    next();
  });
};

const idOf = (req: Request, name = "id"): number => {
  const id = Number(req.params[name]);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "Page not found", "Check the link.");
  return id;
};
const text = (value: unknown) => (typeof value === "string" ? value : "");
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

export function agenciesRouter({ db, clock }: AppDeps): Router {
  const router = Router();
  const prisma = db.prisma;
  const now = () => clock?.now() ?? new Date();
  const coordinator = allow("coordinator");
  const who = (req: Request) => ({ userId: req.user!.id, ip: req.ip ?? "" });
  const importOf = (req: Request) => ({
    db: prisma,
    importId: String(req.params.importId),
    userId: req.user!.id,
    now: now(),
  });
  const uploadPage = "pages/agencies-import-upload";

  router.get("/agencies", coordinator, async (req, res) => {
    const filters = readAgencyFilters(req.query as Record<string, unknown>);
    res.render("pages/agencies-list", presentAgencyList(await listAgencies({ db: prisma, filters }), filters));
  });

  router.get("/agencies/import", coordinator, (req, res) => {
    res.render(uploadPage, { pageTitle: "Import agencies", cancelled: "cancelled" in req.query });
  });

  router.post("/agencies/import", coordinator, receiveUpload, async (req, res) => {
    let problem = res.locals.uploadProblem as string | undefined;
    let status = (res.locals.uploadStatus as number | undefined) ?? 400;
    if (!problem && !req.file) problem = "Choose a CSV or Excel file to upload";
    if (!problem && req.file) {
      const result = await startAgencyImport({
        db: prisma,
        userId: req.user!.id,
        fileName: req.file.originalname,
        buffer: req.file.buffer,
        now: now(),
      });
      if (result.ok) return res.redirect(303, `/agencies/import/${result.importId}/mapping`);
      problem = result.error;
      status = 400;
    }
    res.status(status).render(uploadPage, {
      pageTitle: "Error: Import agencies",
      error: problem,
      errorList: [{ field: "file", message: problem }],
    });
  });

  router.get("/agencies/import/:importId/mapping", coordinator, async (req, res) => {
    const { importId, ...options } = importOf(req);
    const { pending, mapping } = await loadPendingImport({ ...options, id: importId });
    const view = presentMapping(pending, mapping ?? guessMapping(pending.sheet.headers));
    res.render("pages/agencies-import-mapping", view);
  });

  router.post("/agencies/import/:importId/mapping", coordinator, async (req, res) => {
    const options = importOf(req);
    const result = await saveImportMapping({ ...options, body: body(req) });
    if (result.ok) return res.redirect(303, `/agencies/import/${options.importId}/preview`);
    const view = presentMapping(result.pending, result.submitted, result.errors);
    res.status(400).render("pages/agencies-import-mapping", view);
  });

  router.get("/agencies/import/:importId/preview", coordinator, async (req, res) => {
    const options = importOf(req);
    const preview = await previewAgencyImport(options);
    if (!preview) return res.redirect(303, `/agencies/import/${options.importId}/mapping`);
    const show = readPreviewShow(req.query.show);
    const page = Number(text(req.query.page)) || 1;
    const view = presentPreview(preview, { show, page, changed: "changed" in req.query });
    res.render("pages/agencies-import-preview", view);
  });

  router.post("/agencies/import/:importId/commit", coordinator, async (req, res) => {
    const options = importOf(req);
    const fingerprint = text(body(req).fingerprint);
    const result = await commitAgencyImport({ ...options, fingerprint, ip: req.ip ?? "" });
    if (!result.ok) return res.redirect(303, `/agencies/import/${options.importId}/preview?changed`);
    res.redirect(303, `/agencies/imports/${result.auditEventId}`);
  });

  router.post("/agencies/import/:importId/cancel", coordinator, async (req, res) => {
    await cancelAgencyImport(importOf(req));
    res.redirect(303, "/agencies/import?cancelled");
  });

  router.get("/agencies/imports/:eventId", coordinator, async (req, res) => {
    const result = await getImportResult({ db: prisma, auditEventId: idOf(req, "eventId") });
    res.render("pages/agencies-import-result", { pageTitle: "Import applied", ...result });
  });

  router.get("/agencies/:id", coordinator, async (req, res) => {
    const found = await getAgency({ db: prisma, agencyId: idOf(req) });
    res.render(
      "pages/agencies-edit",
      presentAgencyPage(found, { values: formValuesOf(found.agency), query: req.query }),
    );
  });

  router.post("/agencies/:id", coordinator, async (req, res) => {
    const agencyId = idOf(req);
    const result = await updateAgency({ db: prisma, agencyId, body: body(req), ...who(req) });
    if (result.ok) return res.redirect(303, `/agencies/${agencyId}?${result.changed.length ? "saved" : "unchanged"}`);
    const found = await getAgency({ db: prisma, agencyId });
    res
      .status(400)
      .render("pages/agencies-edit", presentAgencyPage(found, { values: result.values, errors: result.errors }));
  });

  router.post("/agencies/:id/do-not-contact", coordinator, async (req, res) => {
    const agencyId = idOf(req);
    const result = await markDoNotContact({ db: prisma, agencyId, reason: body(req).reason, ...who(req) });
    if (result.ok) return res.redirect(303, `/agencies/${agencyId}?dnc=set`);
    const found = await getAgency({ db: prisma, agencyId });
    const view = presentAgencyPage(found, { values: formValuesOf(found.agency), dnc: result });
    res.status(400).render("pages/agencies-edit", view);
  });

  router.post("/agencies/:id/do-not-contact/clear", coordinator, async (req, res) => {
    const agencyId = idOf(req);
    await clearDoNotContact({ db: prisma, agencyId, ...who(req) });
    res.redirect(303, `/agencies/${agencyId}?dnc=cleared`);
  });

  return router;
}
