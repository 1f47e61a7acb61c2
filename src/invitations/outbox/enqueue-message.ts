// Puts one message in the outbox, inside the caller's transaction when given one.
// If the wave already holds a message for this invitation, nothing is written
// and the existing message's id comes back with created: false.
import type { DbOrTx } from "../../db/client.js";
import { enqueueMessages, type OutboxMessageInput } from "./enqueue-messages.js";

export async function enqueueMessage(
  options: { db: DbOrTx; now?: Date } & OutboxMessageInput,
): Promise<{ id: number; created: boolean }> {
  const { db, now, ...message } = options;
  const { ids } = await enqueueMessages({ db, messages: [message], now });
  const created = ids[0];
  if (created !== undefined) return { id: created, created: true };
  // Only a (waveId, invitationId) pair can conflict, so both are set here.
  const existing = await db.emailMessage.findFirstOrThrow({
    where: { waveId: message.waveId ?? undefined, invitationId: message.invitationId ?? undefined },
    select: { id: true },
  });
  return { id: existing.id, created: false };
}
