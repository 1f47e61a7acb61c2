// The invitation behind a personal link, whatever the survey's state: the
// survey pages (openInvitation) then refuse a closed survey or an opted-out
// agency, while opting out stays possible after submitting, after opting out
// (it says so) and after the survey has closed. The lookup is by hash, so the
// token itself is never compared byte by byte. Unknown links get exactly the
// survey link's "does not work" page, with its reason, so the same rate limit
// counts them.
import { hashToken, looksLikeToken } from "../auth/tokens.js";
import type { ReadConnection } from "../db/read-connection.js";
import { AppError } from "../http/app-error.js";
import { readInvitation, type InvitationRecord } from "../survey/read-invitation.js";

const unknownLink = () =>
  new AppError(
    "not_found",
    "This survey link does not work",
    "Check that the whole link from your invitation email was copied. If it still does not work, write to the survey coordinator who sent it.",
    undefined,
    "unknown_link",
  );

export async function findInvitationByLink(options: {
  read: ReadConnection;
  token: string;
}): Promise<InvitationRecord> {
  const { read, token } = options;
  if (!looksLikeToken(token)) throw unknownLink();
  const invitation = await readInvitation(read, hashToken(token));
  // A draft survey's links do not exist yet for the agency, as on the survey pages.
  if (!invitation || invitation.survey.status === "draft") throw unknownLink();
  return invitation;
}
