// Finds the invitation behind a personal survey link, with what every survey
// page needs: the survey, the agency, the response so far, its questionnaire
// and its answers.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import type { ReadConnection } from "../db/read-connection.js";
import { fromAnswerRows, type AnswerMap, type Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "./questionnaire-versions.js";
import { isSurveyClosed } from "./survey-closed.js";
import { findInvitationByLink } from "../invitations/find-invitation-by-link.js";
import type { InvitationRecord } from "./read-invitation.js";

export type OpenedInvitation = InvitationRecord & { questionnaire: Questionnaire; answers: AnswerMap };

export async function openInvitation(options: {
  db: DbOrTx;
  read: ReadConnection;
  token: string;
  now?: Date;
}): Promise<OpenedInvitation> {
  const { db, read, token, now = new Date() } = options;
  const invitation = await findInvitationByLink({ read, token });
  const { survey } = invitation;
  if (isSurveyClosed(survey, now) && invitation.response?.status !== "submitted") {
    throw new AppError(
      "gone",
      "This survey has closed",
      `${survey.title} is no longer accepting answers. Thank you for your interest.`,
    );
  }
  if (invitation.optedOutAt && !invitation.response) {
    throw new AppError(
      "gone",
      "You have opted out of this survey",
      "Your agency asked not to take part. If this was a mistake, write to the survey coordinator.",
    );
  }
  const versionId = invitation.response?.questionnaireVersionId ?? survey.questionnaireVersionId;
  const questionnaire = await questionnaireOfVersion(db, versionId);
  return { ...invitation, questionnaire, answers: fromAnswerRows(questionnaire, invitation.answerRows) };
}
