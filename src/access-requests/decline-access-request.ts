// An admin declines a researcher's access request: a polite email, audited.
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { enqueueMessage } from "../invitations/outbox/enqueue-message.js";
import { renderStaffEmail } from "../mail/render-email.js";
import { claimAccessRequest } from "./claim-access-request.js";

export async function declineAccessRequest(options: {
  db: Db;
  requestId: number;
  actor: { id: number; email: string };
  note: string;
  ip: string;
  now?: Date;
}): Promise<void> {
  const { db, requestId, actor, note, ip, now = new Date() } = options;
  await db.$transaction(async (tx) => {
    const request = await claimAccessRequest({ db: tx, requestId, status: "declined", actorId: actor.id, note, now });
    const message = renderStaffEmail("access-declined", {
      name: request.name,
      surveyTitle: request.survey.title,
      note,
    });
    await enqueueMessage({ db: tx, kind: "access_declined", to: request.email, ...message });
    await recordAudit({
      db: tx,
      action: "access.declined",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "access_request",
      targetId: request.id,
      detail: { email: request.email, survey: request.surveyId, note },
      ip,
    });
  });
}
