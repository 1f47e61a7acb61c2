// The monitoring page for coordinators: where the current survey stands, with
// AAPOR rates; and the invitation list as CSV and Excel, with contact details
// (this area is for coordinators and admins only), every download audited.
import { Router, type Request } from "express";
import type { AppDeps } from "../app.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { recordDownload } from "../audit/record-download.js";
import { allow } from "../auth/roles.js";
import { CSV_TYPE, startDownload, streamDownload, XLSX_TYPE } from "../http/download.js";
import { countInvitationStates } from "../invitations/count-invitation-states.js";
import { prepareInvitationList, type PreparedInvitationList } from "../invitations/invitation-list.js";
import { presentMonitoring } from "../invitations/present-monitoring.js";
import { writeInvitationListCsv, writeInvitationListWorkbook } from "../invitations/write-invitation-list.js";

export function monitoringRouter({ db }: AppDeps): Router {
  const router = Router();
  const coordinator = allow("coordinator");

  router.get("/monitoring", coordinator, async (_req, res) => {
    const survey = await findCurrentSurvey({ db: db.prisma });
    if (!survey) return res.render("pages/monitoring", { pageTitle: "Monitoring", noSurvey: true });
    const cells = await countInvitationStates({ db: db.prisma, surveyId: survey.id });
    res.render("pages/monitoring", await presentMonitoring(survey, cells));
  });

  async function begin(req: Request, format: string): Promise<PreparedInvitationList> {
    const prepared = await prepareInvitationList({ db: db.prisma });
    await recordDownload({
      db: db.prisma,
      req,
      surveySlug: prepared.survey.slug,
      detail: { format, rows: prepared.rowCount, contacts: true },
    });
    return prepared;
  }

  router.get("/monitoring/invitations.csv", coordinator, async (req, res) => {
    const prepared = await begin(req, "invitations.csv");
    startDownload(res, CSV_TYPE, `${prepared.survey.slug}-invitations.csv`, prepared.rowCount);
    await streamDownload(req, res, () => writeInvitationListCsv({ read: db.read, prepared, output: res }));
  });

  router.get("/monitoring/invitations.xlsx", coordinator, async (req, res) => {
    const prepared = await begin(req, "invitations.xlsx");
    startDownload(res, XLSX_TYPE, `${prepared.survey.slug}-invitations.xlsx`, prepared.rowCount);
    await streamDownload(req, res, () =>
      writeInvitationListWorkbook({ read: db.read, prepared, output: res, creator: req.user!.email }),
    );
  });

  return router;
}
