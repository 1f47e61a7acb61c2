// Which surveys' data a signed-in user may see: admins every survey, anyone
// else only the surveys they were granted (SurveyGrant). One place decides, so
// results, cross-tabs and exports all agree.
import type { DbOrTx } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { AppError } from "../http/app-error.js";
import type { SignedInUser } from "./roles.js";

export type SurveyViewer = Pick<SignedInUser, "id" | "role">;

/** A Prisma `where` on Survey: the surveys this viewer may see. */
export function visibleSurveysWhere(viewer: SurveyViewer) {
  return viewer.role === "admin" ? {} : { grants: { some: { userId: viewer.id } } };
}

/** Throws a 403 page unless the viewer may see this survey's data. */
export async function checkSurveyAccess(options: { db: DbOrTx; viewer: SurveyViewer; surveyId: number }) {
  const { db, viewer, surveyId } = options;
  if (viewer.role === "admin") return;
  const grant = await db.surveyGrant.findUnique({ where: { userId_surveyId: { userId: viewer.id, surveyId } } });
  if (!grant) throw noAccess();
}

export function noAccess(): AppError {
  return new AppError(
    "forbidden",
    "You do not have access to this survey's data",
    "Researchers see the surveys they were granted. Ask for access on the page /access, or ask an admin.",
  );
}

/** Grants a survey's data to a user (idempotent), audited. */
export async function grantSurvey(options: {
  db: DbOrTx;
  userId: number;
  surveyId: number;
  actor: { id: number | null; email: string };
  ip?: string;
}): Promise<void> {
  const { db, userId, surveyId, actor, ip } = options;
  const existing = await db.surveyGrant.findUnique({ where: { userId_surveyId: { userId, surveyId } } });
  if (existing) return;
  await db.surveyGrant.create({ data: { userId, surveyId, role: "researcher" } });
  await recordAudit({
    db,
    action: "access.granted",
    actorUserId: actor.id,
    actorLabel: actor.email,
    targetType: "user",
    targetId: userId,
    detail: { survey: surveyId },
    ip: ip ?? "",
  });
}
