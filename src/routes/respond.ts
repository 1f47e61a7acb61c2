// An agency answering through its personal link: welcome, one page per
// section, review, submit, thank-you. Plain forms with post/redirect/get.
import { Router, type Request, type Response } from "express";
import multer from "multer";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { surveyLinkLimiter } from "../http/rate-limits.js";
import { findSection } from "../questionnaire/index.js";
import { answerPage } from "../survey/answer-page.js";
import { resumeSection, visibleSections } from "../survey/navigation.js";
import { openInvitation, type OpenedInvitation } from "../survey/open-invitation.js";
import { presentReview } from "../survey/present-review.js";
import { presentSectionPage } from "../survey/present-section-page.js";
import { recordLinkOpened } from "../survey/record-link-opened.js";
import { startResponse } from "../survey/start-response.js";
import { submitResponse } from "../survey/submit-response.js";

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 500, fieldSize: 100_000, parts: 502 },
});

function body(req: Request): Record<string, unknown> {
  return typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

export function respondRouter({ db }: AppDeps): Router {
  const router = Router();
  const prisma = db.prisma;
  // One limiter for every survey route; surveyTokenLimit() is its guard.
  const { guard: surveyTokenLimit, countUnknownLinks } = surveyLinkLimiter(prisma);
  const base = (token: string) => `/s/${token}`;
  const open = (req: Request) => openInvitation({ db: prisma, read: db.pages, token: String(req.params.token) });
  const submittedGuard = (invitation: OpenedInvitation) => {
    if (invitation.response?.status === "submitted") {
      throw new AppError(
        "conflict",
        "This survey has already been submitted",
        "Its answers can no longer be changed. Thank you. The survey coordinator can reopen it if something must be corrected.",
      );
    }
  };

  router.get("/s/:token", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const invitation = await open(req);
    const token = String(req.params.token);
    await recordLinkOpened({
      db: prisma,
      invitationId: invitation.id,
      firstOpenedAt: invitation.firstOpenedAt,
      status: invitation.status,
    });
    if (invitation.response?.status === "submitted") return res.redirect(303, `${base(token)}/done`);
    const { questionnaire, survey, agency, response } = invitation;
    res.render("pages/survey-welcome", {
      pageTitle: `Welcome – ${survey.title}`,
      survey,
      agency,
      questionnaire,
      started: Boolean(response),
      sectionCount: questionnaire.sections.length,
      action: `${base(token)}/start`,
    });
  });

  router.post("/s/:token/start", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const invitation = await open(req);
    submittedGuard(invitation);
    const response = await startResponse({
      db: prisma,
      invitationId: invitation.id,
      surveyId: invitation.surveyId,
      questionnaireVersionId: invitation.survey.questionnaireVersionId,
    });
    // A new response starts at the beginning; a returning agency lands on the first page it has not finished.
    const { answers } = invitation;
    const token = String(req.params.token);
    const first = visibleSections(invitation.questionnaire, answers)[0]!.code;
    const resume = response.lastSection
      ? resumeSection(invitation.questionnaire, answers, response.lastSection)
      : first;
    res.redirect(303, resume ? `${base(token)}/p/${resume}` : `${base(token)}/review`);
  });

  async function pageContext(req: Request) {
    const invitation = await open(req);
    const token = String(req.params.token);
    const { response } = invitation;
    if (response?.status === "submitted") return { state: "submitted" as const, invitation, token };
    if (!response) return { state: "not_started" as const, invitation, token };
    const section = findSection(invitation.questionnaire, String(req.params.section));
    if (!section) throw new AppError("not_found", "Page not found", "This part of the survey does not exist.");
    return { state: "open" as const, invitation, token, section, response };
  }

  function renderSection(
    res: Response,
    ctx: { invitation: OpenedInvitation; token: string },
    page: ReturnType<typeof presentSectionPage>,
    extra: Record<string, unknown> = {},
  ) {
    const title = `${page.section.title} (part ${page.progress.current} of ${page.progress.total})`;
    res.render("pages/survey-section", {
      pageTitle: `${page.errorList.length ? "Error: " : ""}${title} – ${ctx.invitation.survey.title}`,
      survey: ctx.invitation.survey,
      agency: ctx.invitation.agency,
      page,
      action: `${base(ctx.token)}/p/${page.section.code}`,
      reviewUrl: `${base(ctx.token)}/review`,
      ...extra,
    });
  }

  router.get("/s/:token/p/:section", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const ctx = await pageContext(req);
    if (ctx.state === "submitted") return res.redirect(303, `${base(ctx.token)}/done`);
    if (ctx.state === "not_started") return res.redirect(303, base(ctx.token));
    const shown = visibleSections(ctx.invitation.questionnaire, ctx.invitation.answers).some(
      (s) => s.code === ctx.section.code,
    );
    if (!shown) return res.redirect(303, `${base(ctx.token)}/review`);
    renderSection(
      res,
      ctx,
      presentSectionPage({
        questionnaire: ctx.invitation.questionnaire,
        sectionCode: ctx.section.code,
        answers: ctx.invitation.answers,
      }),
      {
        saved: "saved" in req.query,
      },
    );
  });

  // Multipart pages (those with an upload) are parsed here, then their CSRF token
  // is checked, since the global check cannot read a multipart body. A file over
  // the limit becomes an error next to its field; a malformed body is a 400.
  const parseMultipart = (req: Request, res: Response) =>
    new Promise<string | null>((resolve, reject) => {
      if (!req.is("multipart/form-data")) return resolve(null);
      upload.single("file")(req, res, (err: unknown) => {
        const tooLarge = err instanceof multer.MulterError && err.code === "LIMIT_FILE_SIZE";
        if (err && !tooLarge)
          return reject(
            new AppError("bad_request", "The form could not be read", "Go back, reload the page and try again."),
          );
        const validate = req.app.get("csrfValidate") as (r: Request) => boolean;
        if (!validate(req)) return reject(Object.assign(new Error("invalid csrf token"), { status: 403 }));
        resolve(tooLarge ? "The file must be smaller than 5 MB" : null);
      });
    });

  router.post("/s/:token/p/:section", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const problem = await parseMultipart(req, res);
    const ctx = await pageContext(req);
    if (ctx.state === "submitted") submittedGuard(ctx.invitation);
    if (ctx.state !== "open") return res.redirect(303, base(ctx.token));
    const outcome = await answerPage({
      db: prisma,
      write: db.write,
      responseId: ctx.response.id,
      questionnaire: ctx.invitation.questionnaire,
      section: ctx.section,
      stored: {
        revision: ctx.response.revision,
        rows: ctx.invitation.answerRows,
        answers: ctx.invitation.answers,
      },
      form: body(req),
      upload: req.is("multipart/form-data") ? { file: req.file ?? null, problem } : null,
    });
    if (outcome.kind === "autosaved")
      return res.json({ saved: true, baseline: outcome.baseline, invalid: outcome.invalid });
    if (outcome.kind === "stale") return res.status(409).json({ saved: false, stale: true });
    if (outcome.kind === "show") {
      res.status(outcome.status);
      return renderSection(res, ctx, outcome.page, { conflict: outcome.conflict });
    }
    const paths = { welcome: "", review: "/review", saved: "/saved" } as const;
    res.redirect(303, base(ctx.token) + (outcome.to === "section" ? `/p/${outcome.section}` : paths[outcome.to]));
  });

  router.get("/s/:token/saved", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const invitation = await open(req);
    res.render("pages/survey-saved", {
      pageTitle: `Your answers are saved – ${invitation.survey.title}`,
      survey: invitation.survey,
      link: base(String(req.params.token)),
    });
  });

  async function renderReview(req: Request, res: Response, errors: Parameters<typeof presentReview>[2] = []) {
    const invitation = await open(req);
    const token = String(req.params.token);
    if (invitation.response?.status === "submitted") return res.redirect(303, `${base(token)}/done`);
    if (!invitation.response) return res.redirect(303, base(token));
    const { answers } = invitation;
    res.render("pages/survey-review", {
      pageTitle: `${errors.length ? "Error: " : ""}Check your answers – ${invitation.survey.title}`,
      survey: invitation.survey,
      sections: presentReview(invitation.questionnaire, answers, errors).map((s) => ({
        ...s,
        url: `${base(token)}/p/${s.code}`,
      })),
      errorList: errors.map((e) => ({ field: `${e.sectionCode}-${e.questionCode}`, message: e.message })),
      action: `${base(token)}/submit`,
    });
  }

  router.get("/s/:token/review", allow("agency"), surveyTokenLimit(), (req, res) => renderReview(req, res));

  router.post("/s/:token/submit", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const invitation = await open(req);
    const token = String(req.params.token);
    if (!invitation.response) return res.redirect(303, base(token));
    const result = await submitResponse({
      db: prisma,
      responseId: invitation.response.id,
      invitationId: invitation.id,
      questionnaire: invitation.questionnaire,
    });
    if (!result.submitted) {
      res.status(400);
      return renderReview(req, res, result.errors);
    }
    res.redirect(303, `${base(token)}/done`);
  });

  router.get("/s/:token/done", allow("agency"), surveyTokenLimit(), async (req, res) => {
    const invitation = await open(req);
    const token = String(req.params.token);
    if (invitation.response?.status !== "submitted") return res.redirect(303, base(token));
    const { answers } = invitation;
    res.render("pages/survey-done", {
      pageTitle: `Thank you – ${invitation.survey.title}`,
      survey: invitation.survey,
      agency: invitation.agency,
      submittedAt: invitation.response.submittedAt,
      sections: presentReview(invitation.questionnaire, answers),
    });
  });

  // Last: counts the unknown links any route above met, and refuses an address over its budget.
  router.use(countUnknownLinks);
  return router;
}
