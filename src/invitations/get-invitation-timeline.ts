// One invitation with everything that happened to it: its timeline events and
// every outbox message about it (with the wave that queued it and who made the
// wave). Both lists are per invitation, so they stay short.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";

const person = { select: { name: true, email: true } } as const;

export async function getInvitationTimeline(options: { db: DbOrTx; invitationId: number }) {
  const { db, invitationId } = options;
  const invitation = await db.invitation.findUnique({
    where: { id: invitationId },
    include: {
      survey: { select: { id: true, title: true, status: true, closesAt: true } },
      agency: {
        select: { id: true, name: true, ori: true, contactName: true, contactEmail: true, doNotContact: true },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: person } },
      messages: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          status: true,
          toAddress: true,
          subject: true,
          attempts: true,
          lastError: true,
          sentAt: true,
          createdAt: true,
          wave: { select: { name: true, createdBy: person } },
        },
      },
    },
  });
  if (!invitation)
    throw new AppError("not_found", "Invitation not found", "Check the link, or find the agency in the agencies list.");
  return invitation;
}
