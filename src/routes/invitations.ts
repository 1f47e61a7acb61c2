// An invitation's page for coordinators: its state and full timeline, and
// reopening a submitted response so that the agency can correct it.
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { errorListOf, fieldErrorsOf, typedValues, type FieldErrors } from "../http/field-errors.js";
import { getInvitationTimeline } from "../invitations/get-invitation-timeline.js";
import { presentInvitationTimeline } from "../invitations/present-invitation-timeline.js";
import { reopenResponse } from "../survey/reopen-response.js";

const REOPEN_FORM = z.object({
  reason: z
    .string({ message: "Say why it is reopened" })
    .trim()
    .min(1, "Say why it is reopened")
    .max(500, "Use 500 characters or fewer"),
});

function invitationIdOf(req: Request): number {
  const id = Number(req.params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "Invitation not found", "Check the link.");
  return id;
}

export function invitationsRouter({ db }: AppDeps): Router {
  const router = Router();

  async function renderTimeline(
    req: Request,
    res: Response,
    form: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) {
    const found = await getInvitationTimeline({ db: db.prisma, invitationId: invitationIdOf(req) });
    const errors = form.errors ?? {};
    res.render("pages/invitation-timeline", {
      ...presentInvitationTimeline(found),
      reopened: "reopened" in req.query,
      values: form.values ?? { reason: "" },
      errors,
      errorList: errorListOf(errors),
    });
  }

  router.get("/invitations/:id", allow("coordinator"), (req, res) => renderTimeline(req, res));

  router.post("/invitations/:id/reopen", allow("coordinator"), async (req, res) => {
    const invitationId = invitationIdOf(req);
    const parsed = REOPEN_FORM.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400);
      return renderTimeline(req, res, {
        values: typedValues(req.body, ["reason"]),
        errors: fieldErrorsOf(parsed.error),
      });
    }
    await reopenResponse({
      db: db.prisma,
      invitationId,
      actorUserId: req.user!.id,
      reason: parsed.data.reason,
      ip: req.ip ?? "",
    });
    res.redirect(303, `/invitations/${invitationId}?reopened`);
  });

  return router;
}
