// Cancels a scheduled wave before it goes: its messages still waiting become
// "cancelled" (the worker never claims them); any already handed to the mail
// server stay as they are. One transaction with the wave's mark, the timeline
// events and the audit event.
import { recordAudit } from "../../audit/record-audit.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/app-error.js";
import { insertEventsSql } from "../outbox/outbox-sql.js";

export async function cancelWave(options: {
  db: Db;
  waveId: number;
  userId: number;
  ip: string;
  now?: Date;
}): Promise<{ cancelled: number }> {
  const { db, waveId, userId, ip, now = new Date() } = options;
  return db.$transaction(async (tx) => {
    // Writes first: on SQLite the transaction takes the write lock up front.
    const marked = await tx.wave.updateMany({ where: { id: waveId, cancelledAt: null }, data: { cancelledAt: now } });
    const wave = await tx.wave.findUnique({ where: { id: waveId }, select: { name: true, kind: true } });
    if (!wave) throw new AppError("not_found", "Wave not found", "Go back to the list of waves.");
    if (marked.count === 0) throw new AppError("conflict", "This wave is already cancelled", "Nothing was changed.");
    const waiting = await tx.emailMessage.findMany({
      where: { waveId, status: "queued" },
      select: { id: true, invitationId: true, toAddress: true },
    });
    await tx.emailMessage.updateMany({
      where: { id: { in: waiting.map((m) => m.id) }, status: "queued" },
      data: { status: "cancelled", lastError: "the wave was cancelled" },
    });
    const events = waiting.flatMap((m) =>
      m.invitationId === null
        ? []
        : [
            {
              invitationId: m.invitationId,
              type: "cancelled",
              detail: `${wave.kind} to ${m.toAddress}, wave "${wave.name}" cancelled`,
              actorUserId: userId,
            },
          ],
    );
    for (let i = 0; i < events.length; i += 1000) await tx.$executeRaw(insertEventsSql(events.slice(i, i + 1000), now));
    await recordAudit({
      db: tx,
      action: "wave.cancelled",
      actorUserId: userId,
      targetType: "wave",
      targetId: waveId,
      detail: { name: wave.name, cancelled: waiting.length },
      ip,
    });
    return { cancelled: waiting.length };
  });
}
