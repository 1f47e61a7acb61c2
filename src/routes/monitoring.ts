// The monitoring page for coordinators: where the current survey stands, with
// AAPOR rates; and the invitation list as CSV and Excel.
import { Router } from "express";
import type { AppDeps } from "../app.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { allow } from "../auth/roles.js";
import { countInvitationStates } from "../invitations/count-invitation-states.js";
import { presentMonitoring } from "../invitations/present-monitoring.js";

export function monitoringRouter({ db }: AppDeps): Router {
  const router = Router();
  const coordinator = allow("coordinator");

  router.get("/monitoring", coordinator, async (_req, res) => {
    const survey = await findCurrentSurvey({ db: db.prisma });
    if (!survey) return res.render("pages/monitoring", { pageTitle: "Monitoring", noSurvey: true });
    const cells = await countInvitationStates({ db: db.prisma, surveyId: survey.id });
    res.render("pages/monitoring", await presentMonitoring(survey, cells));
  });

  return router;
}
