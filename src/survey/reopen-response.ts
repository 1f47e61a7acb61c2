// A coordinator reopens a submitted response, so that the agency can correct
// its answers through the same link; it counts as started again until it is
// submitted again. The timeline and the audit log say who reopened it and why.
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { AppError } from "../http/app-error.js";
import { isSurveyClosed } from "./survey-closed.js";

export async function reopenResponse(options: {
  db: Db;
  invitationId: number;
  actorUserId: number;
  reason: string;
  ip: string;
  now?: Date;
}): Promise<void> {
  const { db, invitationId, actorUserId, reason, ip, now = new Date() } = options;
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId }, include: { survey: true } });
    if (!invitation) throw new AppError("not_found", "Invitation not found", "Check the link.");
    if (isSurveyClosed(invitation.survey, now))
      throw new AppError(
        "conflict",
        "The survey has closed",
        "The agency could not change its answers in a closed survey, so its response stays submitted.",
      );
    // Only the submitted -> in progress step writes: a second click changes nothing.
    const flipped = await tx.response.updateMany({
      where: { invitationId, status: "submitted" },
      data: {
        status: "in_progress",
        submittedAt: null,
        reopenedAt: now,
        reopenedById: actorUserId,
        revision: { increment: 1 },
      },
    });
    if (flipped.count === 0)
      throw new AppError("conflict", "This response is not submitted", "Only a submitted response can be reopened.");
    await tx.invitation.update({ where: { id: invitationId }, data: { status: "started", submittedAt: null } });
    await tx.invitationEvent.create({ data: { invitationId, type: "reopened", actorUserId, detail: reason } });
    await recordAudit({
      db: tx,
      action: "response.reopened",
      actorUserId,
      targetType: "invitation",
      targetId: invitationId,
      detail: { reason },
      ip,
    });
  });
}
