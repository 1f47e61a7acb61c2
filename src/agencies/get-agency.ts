// One agency for its page: the stored values, its invitation to the current
// survey, and the latest audit events about it.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { findCurrentSurvey } from "./find-current-survey.js";

export async function getAgency(options: { db: DbOrTx; agencyId: number }) {
  const { db, agencyId } = options;
  const agency = await db.agency.findUnique({ where: { id: agencyId } });
  if (!agency)
    throw new AppError("not_found", "Agency not found", "It may have been removed. Go back to the agencies list.");
  const survey = await findCurrentSurvey({ db });
  const invitation = survey
    ? await db.invitation.findUnique({ where: { surveyId_agencyId: { surveyId: survey.id, agencyId } } })
    : null;
  const history = await db.auditEvent.findMany({
    where: { targetType: "agency", targetId: String(agencyId) },
    orderBy: { id: "desc" },
    take: 10,
    include: { actor: { select: { name: true, email: true } } },
  });
  return { agency, survey, invitation, history };
}
