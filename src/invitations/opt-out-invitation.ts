// An agency opts out of a survey: no further mail about it, ever. In one
// transaction: the invitation is marked, its timeline says how, and every
// message still waiting in the outbox is cancelled (the worker's send-time
// check stops anything already past that point). Repeating it changes nothing.
// A submitted invitation keeps its "submitted" status, since its answers still
// count; only its opted-out time is set, which stops every later message.
import type { Db } from "../db/client.js";

export type OptOutChannel = "confirmed" | "one_click";

const HOW: Record<OptOutChannel, string> = {
  confirmed: "the agency confirmed on the opt-out page",
  one_click: "one-click unsubscribe from the agency's mail provider (List-Unsubscribe-Post)",
};

export async function optOutInvitation(options: {
  db: Db;
  invitationId: number;
  channel: OptOutChannel;
  now?: Date;
}): Promise<{ changed: boolean; cancelledMessages: number }> {
  const { db, invitationId, channel, now = new Date() } = options;
  return db.$transaction(async (tx) => {
    // Conditional updates, so two opt-outs at once write one event between them.
    const submitted = await tx.invitation.updateMany({
      where: { id: invitationId, optedOutAt: null, status: "submitted" },
      data: { optedOutAt: now },
    });
    const other = await tx.invitation.updateMany({
      where: { id: invitationId, optedOutAt: null, status: { not: "submitted" } },
      data: { optedOutAt: now, status: "opted_out" },
    });
    if (submitted.count + other.count === 0) return { changed: false, cancelledMessages: 0 };
    const cancelled = await tx.emailMessage.updateMany({
      where: { invitationId, status: "queued" },
      data: { status: "cancelled", lastError: "the agency opted out" },
    });
    const note = cancelled.count
      ? `; ${cancelled.count} queued message${cancelled.count === 1 ? "" : "s"} cancelled`
      : "";
    await tx.invitationEvent.create({
      data: { invitationId, type: "opted_out", detail: `${HOW[channel]}${note}`, createdAt: now },
    });
    return { changed: true, cancelledMessages: cancelled.count };
  });
}
