// Opting out through the personal link. The GET only shows a page with a
// confirm button, because mail scanners and link previews open every link in a
// message: a visit alone must opt nobody out. The POST opts out, either from
// that page's form (with its CSRF token) or as an RFC 8058 one-click request
// from the agency's mail provider (see one-click-unsubscribe.ts).
import { Router, type Request, type Response } from "express";
import multer from "multer";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { surveyLinkLimiter } from "../http/rate-limits.js";
import { findInvitationByLink } from "../invitations/find-invitation-by-link.js";
import { isOneClickBody } from "../invitations/one-click-unsubscribe.js";
import { optOutInvitation } from "../invitations/opt-out-invitation.js";
import type { InvitationRecord } from "../survey/read-invitation.js";

// RFC 8058 allows a multipart one-click body too; it is tiny, so tight limits.
const multipart = multer({ limits: { fields: 5, fieldSize: 1000, files: 0, parts: 5 } }).none();

/** Parses a multipart body (the global check skips those), then demands one-click or a valid token. */
function readMultipart(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.is("multipart/form-data")) return resolve();
    multipart(req, res, (error: unknown) => {
      const refused = Object.assign(new Error("invalid csrf token"), { status: 403 });
      if (error) return reject(Object.assign(new Error("unreadable form"), { status: 400 }));
      const validate = req.app.get("csrfValidate") as (r: Request) => boolean;
      if (!isOneClickBody(req.body) && !validate(req)) return reject(refused);
      resolve();
    });
  });
}

function pageOf(invitation: InvitationRecord, token: string) {
  return {
    survey: invitation.survey,
    agency: invitation.agency,
    submitted: invitation.response?.status === "submitted",
    surveyLink: `/s/${token}`,
    action: `/s/${token}/opt-out`,
  };
}

export function optOutRouter({ db, clock }: AppDeps): Router {
  const router = Router();
  // The survey pages' limiter: unknown links here count in the same shared budget.
  const { guard, countUnknownLinks } = surveyLinkLimiter(db.prisma);
  const unknownLinks = guard();
  const find = (req: Request) => findInvitationByLink({ read: db.read, token: String(req.params.token) });

  router.get("/s/:token/opt-out", allow("agency"), unknownLinks, async (req, res) => {
    const invitation = await find(req);
    res.set("Cache-Control", "no-store");
    res.render("pages/opt-out", {
      pageTitle: `Opt out – ${invitation.survey.title}`,
      alreadyOptedOut: invitation.optedOutAt !== null,
      optedOutAt: invitation.optedOutAt,
      ...pageOf(invitation, String(req.params.token)),
    });
  });

  router.post("/s/:token/opt-out", allow("agency"), unknownLinks, async (req, res) => {
    await readMultipart(req, res);
    const invitation = await find(req);
    const oneClick = isOneClickBody(req.body);
    await optOutInvitation({
      db: db.prisma,
      invitationId: invitation.id,
      channel: oneClick ? "one_click" : "confirmed",
      now: clock?.now(),
    });
    res.set("Cache-Control", "no-store");
    res.render("pages/opt-out-done", {
      pageTitle: `You have opted out – ${invitation.survey.title}`,
      ...pageOf(invitation, String(req.params.token)),
    });
  });

  router.use(countUnknownLinks);
  return router;
}
