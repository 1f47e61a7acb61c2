// The invitation's timeline records when the agency first (and last) opened its link.
import type { DbOrTx } from "../db/client.js";

export async function recordLinkOpened(options: {
  db: DbOrTx;
  invitationId: number;
  firstOpenedAt: Date | null;
  status: string;
  now?: Date;
}): Promise<void> {
  const { db, invitationId, firstOpenedAt, status, now = new Date() } = options;
  const first = firstOpenedAt === null;
  await db.invitation.update({
    where: { id: invitationId },
    data: {
      lastOpenedAt: now,
      ...(first ? { firstOpenedAt: now } : {}),
      ...(["not_invited", "invited"].includes(status) ? { status: "opened" } : {}),
    },
  });
  if (first) await db.invitationEvent.create({ data: { invitationId, type: "opened" } });
}
