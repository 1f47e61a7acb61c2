// Finds the invitation behind a personal survey link, with what every survey
// page needs: the survey, the agency, the response so far and its questionnaire.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { hashToken, looksLikeToken } from "../auth/tokens.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "./questionnaire-versions.js";

export type OpenedInvitation = Awaited<ReturnType<typeof findInvitation>> & { questionnaire: Questionnaire };

const notFound = () =>
  new AppError(
    "not_found",
    "This survey link does not work",
    "Check that the whole link from your invitation email was copied. If it still does not work, write to the survey coordinator who sent it.",
    undefined,
    "unknown_link",
  );

async function findInvitation(db: DbOrTx, tokenHash: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash },
    include: { survey: true, agency: true, response: true },
  });
  if (!invitation) throw notFound();
  return invitation;
}

export async function openInvitation(options: { db: DbOrTx; token: string; now?: Date }): Promise<OpenedInvitation> {
  const { db, token, now = new Date() } = options;
  // The lookup is by hash, so the token itself is never compared byte by byte.
  if (!looksLikeToken(token)) throw notFound();
  const invitation = await findInvitation(db, hashToken(token));
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
