// The first "Start" creates the agency's one response, bound to the survey's
// current questionnaire version. A second click or tab finds the same one:
// the database allows one response per invitation.
import type { Db } from "../db/client.js";

export async function startResponse(options: {
  db: Db;
  invitationId: number;
  surveyId: number;
  questionnaireVersionId: number;
  now?: Date;
}) {
  const { db, invitationId, surveyId, questionnaireVersionId, now = new Date() } = options;
  const existing = await db.response.findUnique({ where: { invitationId } });
  if (existing) return existing;
  try {
    return await db.$transaction(async (tx) => {
      const response = await tx.response.create({
        data: { invitationId, surveyId, questionnaireVersionId, startedAt: now, lastSavedAt: now },
      });
      await tx.invitation.update({ where: { id: invitationId }, data: { status: "started", startedAt: now } });
      await tx.invitationEvent.create({ data: { invitationId, type: "started" } });
      return response;
    });
  } catch (error) {
    // Lost a race with another tab: the unique index kept one response; use it.
    const winner = await db.response.findUnique({ where: { invitationId } });
    if (winner) return winner;
    throw error;
  }
}
