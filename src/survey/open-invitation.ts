// Finds the invitation behind a personal survey link, with what every survey
// page needs: the survey, the agency, the response so far and its questionnaire.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { hashToken, looksLikeToken } from "../auth/tokens.js";
import type { ReadConnection } from "../db/read-connection.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "./questionnaire-versions.js";
import { readInvitation, type InvitationRecord } from "./read-invitation.js";

export type OpenedInvitation = InvitationRecord & { questionnaire: Questionnaire };

const notFound = () =>
  new AppError(
    "not_found",
    "This survey link does not work",
    "Check that the whole link from your invitation email was copied. If it still does not work, write to the survey coordinator who sent it.",
    undefined,
    "unknown_link",
  );

export async function openInvitation(options: {
  db: DbOrTx;
  read: ReadConnection;
  token: string;
  now?: Date;
}): Promise<OpenedInvitation> {
  const { db, read, token, now = new Date() } = options;
  // The lookup is by hash, so the token itself is never compared byte by byte.
  if (!looksLikeToken(token)) throw notFound();
  const invitation = await readInvitation(read, hashToken(token));
  if (!invitation) throw notFound();
  const { survey } = invitation;
  if (survey.status === "draft") throw notFound();
  const closed = survey.status === "closed" || (survey.closesAt !== null && survey.closesAt <= now);
  if (closed && invitation.response?.status !== "submitted") {
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
  return { ...invitation, questionnaire: await questionnaireOfVersion(db, versionId) };
}
