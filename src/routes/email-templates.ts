// The survey's email templates for coordinators: the list with the deadline and
// signature settings, one template's edit form with its preview, and "send me a test".
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { errorListOf } from "../http/field-errors.js";
import { ensureEmailTemplates } from "../invitations/templates/ensure-email-templates.js";
import { isTemplateKind, TEMPLATE_KINDS, templateKindLabels } from "../invitations/templates/email-template-kinds.js";
import { previewSurveyEmail } from "../invitations/templates/preview-survey-email.js";
import { saveEmailSettings, type EmailSettingsErrors } from "../invitations/templates/save-email-settings.js";
import { saveEmailTemplate, type TemplateErrors } from "../invitations/templates/save-email-template.js";
import { sendTestEmail } from "../invitations/templates/send-test-email.js";
import { PLACEHOLDERS } from "../invitations/templates/template-placeholders.js";
import type { DbOrTx } from "../db/client.js";

const text = (value: unknown) => (typeof value === "string" ? value : "");
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

// The sandboxed HTML of a rendered email: its own policy, so the email's inline
// styles (common in email) apply there and nothing in it can run or load.
const PREVIEW_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; sandbox";

async function currentSurvey(db: DbOrTx) {
  const survey = await findCurrentSurvey({ db });
  if (!survey) throw new AppError("not_found", "No survey yet", "Set up a survey before writing its emails.");
  return survey;
}

function kindOf(req: Request) {
  const kind = req.params.kind;
  if (!isTemplateKind(kind)) throw new AppError("not_found", "Page not found", "There is no such email template.");
  return kind;
}

const dateInput = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

export function emailTemplatesRouter({ db, config }: AppDeps): Router {
  const router = Router();
  const prisma = db.prisma;
  const coordinator = allow("coordinator");

  async function listPage(settings?: { deadline: string; signature: string }, errors: EmailSettingsErrors = {}) {
    const survey = await currentSurvey(prisma);
    const templates = await ensureEmailTemplates({ db: prisma, surveyId: survey.id });
    const stored = await prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
    return {
      pageTitle: `${Object.keys(errors).length ? "Error: " : ""}Email templates`,
      survey,
      templates: TEMPLATE_KINDS.map((kind) => ({
        kind,
        label: templateKindLabels[kind],
        subject: templates[kind].subject,
      })),
      settings: settings ?? {
        deadline: dateInput(stored.responseDeadline),
        signature: stored.coordinatorSignature,
      },
      errors,
      errorList: errorListOf(errors),
    };
  }

  router.get("/invitations/templates", coordinator, async (req, res) => {
    const view = await listPage();
    res.render("pages/invitations-templates", { ...view, notice: "saved" in req.query ? "Saved." : "" });
  });

  router.post("/invitations/settings", coordinator, async (req, res) => {
    const survey = await currentSurvey(prisma);
    const form = { deadline: text(body(req).deadline), signature: text(body(req).signature) };
    const result = await saveEmailSettings({
      db: prisma,
      surveyId: survey.id,
      form,
      userId: req.user!.id,
      ip: req.ip ?? "",
    });
    if (result.ok) return res.redirect(303, "/invitations/templates?saved");
    res.status(400).render("pages/invitations-templates", await listPage(form, result.errors));
  });

  async function editPage(req: Request, values?: Record<string, string>, errors: TemplateErrors = {}) {
    const kind = kindOf(req);
    const survey = await currentSurvey(prisma);
    const templates = await ensureEmailTemplates({ db: prisma, surveyId: survey.id });
    const search = text(req.query.agency ?? body(req).agency).slice(0, 100);
    const preview = await previewSurveyEmail({
      db: prisma,
      surveyId: survey.id,
      kind,
      baseUrl: config.publicUrl,
      search,
    });
    const label = templateKindLabels[kind];
    return {
      pageTitle: `${Object.keys(errors).length ? "Error: " : ""}${label} email`,
      kind,
      label,
      lower: label.toLowerCase(),
      placeholders: PLACEHOLDERS.map((p) => ({ code: `{{${p.name}}}`, meaning: p.meaning })),
      values: values ?? { subject: templates[kind].subject, html: templates[kind].html, text: templates[kind].text },
      errors,
      errorList: errorListOf(errors),
      preview: {
        ...preview,
        notFound: Boolean(search) && !preview.agency?.name.toLowerCase().includes(search.toLowerCase()),
      },
      previewSrc: `/invitations/templates/${kind}/preview.html${search ? `?agency=${encodeURIComponent(search)}` : ""}`,
    };
  }

  router.get("/invitations/templates/:kind", coordinator, async (req, res) => {
    const view = await editPage(req);
    const notice =
      "saved" in req.query
        ? "Saved."
        : text(req.query.sent)
          ? `A test email is on its way to ${text(req.query.sent)}.`
          : "";
    res.render("pages/invitations-template-edit", { ...view, notice });
  });

  router.post("/invitations/templates/:kind", coordinator, async (req, res) => {
    const kind = kindOf(req);
    const survey = await currentSurvey(prisma);
    const parts = { subject: text(body(req).subject), html: text(body(req).html), text: text(body(req).text) };
    const result = await saveEmailTemplate({
      db: prisma,
      surveyId: survey.id,
      kind,
      parts,
      userId: req.user!.id,
      ip: req.ip ?? "",
    });
    if (result.ok) return res.redirect(303, `/invitations/templates/${kind}?saved`);
    res.status(400).render("pages/invitations-template-edit", await editPage(req, parts, result.errors));
  });

  router.get("/invitations/templates/:kind/preview.html", coordinator, async (req, res) => {
    const kind = kindOf(req);
    const survey = await currentSurvey(prisma);
    const search = text(req.query.agency).slice(0, 100);
    const { email } = await previewSurveyEmail({
      db: prisma,
      surveyId: survey.id,
      kind,
      baseUrl: config.publicUrl,
      search,
    });
    res.setHeader("Content-Security-Policy", PREVIEW_POLICY);
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    res
      .type("html")
      .send(email.html || "<!doctype html><title>No HTML part</title><p>This email has no HTML part.</p>");
  });

  router.post("/invitations/templates/:kind/test", coordinator, async (req, res) => {
    const kind = kindOf(req);
    const survey = await currentSurvey(prisma);
    const user = req.user!;
    const search = text(body(req).agency).slice(0, 100);
    const { to } = await sendTestEmail({
      db: prisma,
      surveyId: survey.id,
      kind,
      baseUrl: config.publicUrl,
      search,
      user,
      ip: req.ip ?? "",
    });
    const back = new URLSearchParams({ sent: to, ...(search ? { agency: search } : {}) });
    res.redirect(303, `/invitations/templates/${kind}?${back.toString()}`);
  });

  return router;
}
