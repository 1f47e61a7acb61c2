// Researchers' access requests: the public form, and the admins' page that
// approves or declines them.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { approveAccessRequest } from "../access-requests/approve-access-request.js";
import { decisionForm } from "../access-requests/claim-access-request.js";
import { declineAccessRequest } from "../access-requests/decline-access-request.js";
import { listAccessRequests } from "../access-requests/list-access-requests.js";
import {
  ACCESS_REQUEST_FIELDS,
  findAccessSurvey,
  INTENDED_USE_MAX,
  requestAccess,
} from "../access-requests/request-access.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { errorListOf, typedValues } from "../http/field-errors.js";
import { accessRequestLimit } from "../http/rate-limits.js";

const notices: Record<string, string> = {
  approved: "The request was approved. The researcher has been emailed a link to choose a password.",
  declined: "The request was declined. The researcher has been emailed.",
};

export function accessRouter({ db, config }: AppDeps): Router {
  const router = Router();
  const admin = allow("admin");
  const pageTitle = "Ask for access to the survey data";

  router.get("/access", allow("public"), async (_req, res) => {
    const survey = await findAccessSurvey({ db: db.prisma });
    res.render("pages/access-request", { pageTitle, survey, values: {}, errors: {}, intendedUseMax: INTENDED_USE_MAX });
  });

  router.post("/access", allow("public"), accessRequestLimit(db.prisma), async (req, res) => {
    const result = await requestAccess({ db: db.prisma, form: req.body, ip: req.ip ?? "" });
    if (result.ok) return res.redirect(303, "/access/sent");
    const values = typedValues(req.body, [...ACCESS_REQUEST_FIELDS, "acceptTerms"]);
    res.status(400).render("pages/access-request", {
      pageTitle: `Error: ${pageTitle}`,
      survey: await findAccessSurvey({ db: db.prisma }),
      values,
      errors: result.errors,
      errorList: errorListOf(result.errors),
      intendedUseMax: INTENDED_USE_MAX,
    });
  });

  router.get("/access/sent", allow("public"), (_req, res) => {
    res.render("pages/access-request", { pageTitle: "Request received", sent: true });
  });

  router.get("/admin/access-requests", admin, async (req, res) => {
    const { pending, decided } = await listAccessRequests({ db: db.prisma });
    const notice = Object.keys(notices).find((key) => key in req.query);
    res.render("pages/admin-access-requests", {
      pageTitle: "Access requests",
      pending,
      decided,
      notice: notice && notices[notice],
    });
  });

  router.post("/admin/access-requests/:id/:decision", admin, async (req, res) => {
    const requestId = Number(req.params.id);
    const decision = req.params.decision;
    if (!Number.isSafeInteger(requestId) || (decision !== "approve" && decision !== "decline"))
      throw new AppError("bad_request", "That decision is not possible", "Approve or decline a listed request.");
    const parsed = decisionForm.safeParse(req.body ?? {});
    if (!parsed.success)
      throw new AppError("bad_request", "The note is too long", "Use at most 2,000 characters. Nothing was changed.");
    const common = { db: db.prisma, requestId, actor: req.user!, note: parsed.data.note, ip: req.ip ?? "" };
    if (decision === "approve") await approveAccessRequest({ ...common, baseUrl: config.publicUrl });
    else await declineAccessRequest(common);
    res.redirect(303, `/admin/access-requests?${decision === "approve" ? "approved" : "declined"}`);
  });
  return router;
}
