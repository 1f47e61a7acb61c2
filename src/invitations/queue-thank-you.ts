// The thank-you email, queued in the transaction that submits the response, so
// a submission and its thank-you are written together or not at all (and it
// writes nothing else there: a missing template falls back to the default wording). Its link
// leads back to the agency's copy of its answers. Nothing is queued for an
// agency without an email, marked do not contact or opted out (the worker
// checks again at send time).
import type { DbOrTx } from "../db/client.js";
import { OPT_OUT_LINK_MARKER, SURVEY_LINK_MARKER, unsubscribeHeaders } from "./invitation-link.js";
import { enqueueMessages } from "./outbox/enqueue-messages.js";
import { readEmailTemplates } from "./templates/ensure-email-templates.js";
import { formatDeadline, renderSurveyEmail } from "./templates/render-survey-email.js";

export async function queueThankYou(options: { db: DbOrTx; invitationId: number; now?: Date }): Promise<void> {
  const { db, invitationId, now = new Date() } = options;
  const invitation = await db.invitation.findUnique({
    where: { id: invitationId },
    select: {
      surveyId: true,
      optedOutAt: true,
      linkNonce: true,
      agency: { select: { name: true, contactName: true, contactEmail: true, doNotContact: true } },
      survey: { select: { responseDeadline: true, coordinatorSignature: true } },
    },
  });
  const agency = invitation?.agency;
  // An invitation whose link cannot be rebuilt would fail at send time: leave it out.
  if (!invitation || !agency?.contactEmail || agency.doNotContact || invitation.optedOutAt || !invitation.linkNonce)
    return;
  const templates = await readEmailTemplates({ db, surveyId: invitation.surveyId });
  const email = renderSurveyEmail(
    templates.thank_you,
    {
      agencyName: agency.name,
      contactName: agency.contactName,
      deadline: formatDeadline(invitation.survey.responseDeadline),
      coordinatorSignature: invitation.survey.coordinatorSignature,
    },
    { link: SURVEY_LINK_MARKER, optOutLink: OPT_OUT_LINK_MARKER },
  );
  await enqueueMessages({
    db,
    now,
    messages: [{ kind: "thank_you", to: agency.contactEmail, ...email, headers: unsubscribeHeaders, invitationId }],
  });
}
