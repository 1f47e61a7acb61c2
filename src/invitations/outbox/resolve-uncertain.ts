// A coordinator settles a message whose delivery is unknown (the worker stopped
// between handing it to the mail server and recording the answer), having
// checked the mail server's log or asked the agency:
// - mark_sent: it went; record it as sent, as the worker would have;
// - resend: it did not go; queue it again (send-time checks still apply).
import type { Db } from "../../db/client.js";
import { AppError } from "../../http/app-error.js";
import { describe, insertEventsSql, invitedSql, remindedSql } from "./outbox-sql.js";

export type UncertainDecision = "mark_sent" | "resend";

type Row = { id: number | bigint; kind: string; invitation_id: number | bigint | null; to_address: string };

export async function resolveUncertain(options: {
  db: Db;
  messageId: number;
  decision: UncertainDecision;
  actorUserId?: number | null;
  now?: Date;
}): Promise<{ id: number; status: "sent" | "queued" }> {
  const { db, messageId, decision, actorUserId = null, now = new Date() } = options;
  const resolved = await db.$transaction(async (tx) => {
    const rows =
      decision === "mark_sent"
        ? await tx.$queryRaw<Row[]>`UPDATE email_messages
            SET status = 'sent', sent_at = COALESCE(claimed_at, ${now}), updated_at = ${now},
              last_error = 'delivery was uncertain; marked sent by a coordinator'
            WHERE id = ${messageId} AND status = 'uncertain'
            RETURNING id, kind, invitation_id, to_address`
        : await tx.$queryRaw<Row[]>`UPDATE email_messages
            SET status = 'queued', next_attempt_at = ${now}, claimed_by = NULL, claimed_at = NULL,
              updated_at = ${now}, last_error = 'delivery was uncertain; resend requested by a coordinator'
            WHERE id = ${messageId} AND status = 'uncertain'
            RETURNING id, kind, invitation_id, to_address`;
    const row = rows[0];
    if (!row) return false;
    if (row.invitation_id !== null) {
      const invitationId = Number(row.invitation_id);
      if (decision === "mark_sent" && row.kind === "invitation") await tx.$executeRaw(invitedSql([invitationId], now));
      if (decision === "mark_sent" && row.kind === "reminder") await tx.$executeRaw(remindedSql([invitationId], now));
      const message = { id: messageId, kind: row.kind, invitationId, toAddress: row.to_address };
      const event =
        decision === "mark_sent"
          ? { type: "sent", detail: describe(message, "delivery was uncertain; marked sent by a coordinator") }
          : {
              type: "requeued",
              detail: describe(message, "delivery was uncertain; resend requested by a coordinator"),
            };
      await tx.$executeRaw(insertEventsSql([{ invitationId, actorUserId, ...event }], now));
    }
    return true;
  });
  if (!resolved) {
    const message = await db.emailMessage.findUnique({ where: { id: messageId }, select: { status: true } });
    if (!message) throw new AppError("not_found", "No such message");
    throw new AppError("conflict", "This message is not awaiting a decision", `Its status is ${message.status}.`);
  }
  return { id: messageId, status: decision === "mark_sent" ? "sent" : "queued" };
}
