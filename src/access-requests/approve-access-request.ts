// An admin approves a researcher's access request, all in one transaction: the
// researcher account (created without a password if the address has none, so
// it cannot sign in before its owner chooses one), the grant of the survey, a
// single-use link to choose a password, the email, and the audit trail.
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { INVITE_VALID_DAYS, issueInviteLink } from "../auth/issue-user-link.js";
import { grantSurvey } from "../auth/survey-access.js";
import { AppError } from "../http/app-error.js";
import { enqueueMessage } from "../invitations/outbox/enqueue-message.js";
import { renderStaffEmail } from "../mail/render-email.js";
import { claimAccessRequest } from "./claim-access-request.js";

export async function approveAccessRequest(options: {
  db: Db;
  requestId: number;
  actor: { id: number; email: string };
  note: string;
  baseUrl: string;
  ip: string;
  now?: Date;
}): Promise<void> {
  const { db, requestId, actor, note, baseUrl, ip, now = new Date() } = options;
  const audit = { actorUserId: actor.id, actorLabel: actor.email, ip };
  await db.$transaction(async (tx) => {
    const request = await claimAccessRequest({ db: tx, requestId, status: "approved", actorId: actor.id, note, now });
    let user = await tx.user.findUnique({ where: { email: request.email } });
    if (user && !user.active)
      throw new AppError(
        "conflict",
        "The account for this address is deactivated",
        "Reactivate it on the staff accounts page first, or decline the request.",
      );
    if (!user) {
      user = await tx.user.create({
        data: { email: request.email, name: request.name, role: "researcher", passwordHash: null },
      });
      await recordAudit({
        db: tx,
        ...audit,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        detail: { email: user.email, role: "researcher", via: "access_request" },
      });
    }
    await grantSurvey({ db: tx, userId: user.id, surveyId: request.surveyId, actor, ip });
    const link = user.passwordHash ? "" : await issueInviteLink({ db: tx, userId: user.id, baseUrl, now });
    const message = renderStaffEmail("access-approved", {
      name: request.name,
      email: user.email,
      surveyTitle: request.survey.title,
      note,
      link,
      validDays: INVITE_VALID_DAYS,
      signInUrl: `${baseUrl}/login`,
    });
    await enqueueMessage({ db: tx, kind: "access_approved", to: user.email, ...message });
    await recordAudit({
      db: tx,
      ...audit,
      action: "access.approved",
      targetType: "access_request",
      targetId: request.id,
      detail: { email: request.email, survey: request.surveyId, userId: user.id, note },
    });
  });
}
