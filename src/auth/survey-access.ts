// Which surveys' data a signed-in user may see: admins every survey, anyone
// else only the surveys they were granted (SurveyGrant). One place decides, so
// results, cross-tabs and exports all agree.
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import type { DbOrTx } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { AppError } from "../http/app-error.js";
import type { SignedInUser } from "./roles.js";

export type SurveyViewer = Pick<SignedInUser, "id" | "role">;

/**
 * The surveys of `surveys` this viewer may see, in the same order. The caller
 * tells apart "no such survey" (not in `surveys`) from "not yours" (filtered out).
 */
export async function keepVisibleSurveys<T extends { id: number }>(options: {
  db: DbOrTx;
  viewer: SurveyViewer;
  surveys: T[];
}): Promise<T[]> {
  const { db, viewer, surveys } = options;
  if (viewer.role === "admin" || surveys.length === 0) return surveys;
  const grants = await db.surveyGrant.findMany({ where: { userId: viewer.id }, select: { surveyId: true } });
  const granted = new Set(grants.map((g) => g.surveyId));
  return surveys.filter((s) => granted.has(s.id));
}

export function noAccess(): AppError {
  return new AppError(
    "forbidden",
    "You do not have access to this survey's data",
    "Researchers see the results and exports of the surveys they were granted. Ask for access on the page /access, or ask an admin.",
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

/** Grants the current survey (the latest open one, see findCurrentSurvey), if any: a new researcher is then not empty-handed. */
export async function grantCurrentSurvey(options: {
  db: DbOrTx;
  userId: number;
  actor: { id: number | null; email: string };
  ip?: string;
}): Promise<void> {
  const survey = await findCurrentSurvey({ db: options.db });
  if (survey) await grantSurvey({ ...options, surveyId: survey.id });
}
