// How far a survey has got: invitations sent, responses started and submitted.
import type { DbOrTx } from "../db/client.js";

export type ResponseCounts = {
  invitations: number;
  invited: number;
  started: number;
  submitted: number;
  inProgress: number;
};

export async function countResponses(options: { db: DbOrTx; surveyId: number }): Promise<ResponseCounts> {
  const { db, surveyId } = options;
  const [invitations, invited, byStatus] = await Promise.all([
    db.invitation.count({ where: { surveyId } }),
    // an invitation counts as sent once it has left the "not_invited" state
    db.invitation.count({ where: { surveyId, status: { not: "not_invited" } } }),
    db.response.groupBy({ by: ["status"], where: { surveyId }, _count: { _all: true } }),
  ]);
  const of = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  const submitted = of("submitted");
  const inProgress = of("in_progress");
  return { invitations, invited, started: submitted + inProgress, submitted, inProgress };
}
