// An invitation's page for coordinators: its state and full timeline.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { allow } from "../auth/roles.js";
import { AppError } from "../http/app-error.js";
import { getInvitationTimeline } from "../invitations/get-invitation-timeline.js";
import { presentInvitationTimeline } from "../invitations/present-invitation-timeline.js";

export function invitationsRouter({ db }: AppDeps): Router {
  const router = Router();

  router.get("/invitations/:id", allow("coordinator"), async (req, res) => {
    const invitationId = Number(req.params.id);
    if (!Number.isSafeInteger(invitationId) || invitationId < 1)
      throw new AppError("not_found", "Invitation not found", "Check the link.");
    const found = await getInvitationTimeline({ db: db.prisma, invitationId });
    res.render("pages/invitation-timeline", presentInvitationTimeline(found));
  });

  return router;
}
