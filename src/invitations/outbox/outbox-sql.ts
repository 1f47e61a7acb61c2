// The outbox's writes as plain SQL that SQLite and PostgreSQL both accept: the
// worker records outcomes for many messages in a few statements, which through
// Prisma's query builder would cost several round trips per message.
// (Both dialects: IN lists, CASE, COALESCE, multi-row VALUES; every date is a
// bound parameter, so it is stored in the adapter's own format.)
import { Prisma } from "../../generated/sqlite/client.js";
import type { MessageRef } from "./outbox-types.js";

type Sql = Prisma.Sql;

/** Only the worker holding the claim may settle a message (a stale-claim sweep may have flagged it uncertain). */
function held(workerId: string): Sql {
  return Prisma.sql`claimed_by = ${workerId} AND status IN ('sending', 'uncertain')`;
}

export function markSentSql(ids: number[], workerId: string, now: Date): Sql {
  return Prisma.sql`UPDATE email_messages SET status = 'sent', sent_at = ${now}, last_error = '', updated_at = ${now}
    WHERE id IN (${Prisma.join(ids)}) AND ${held(workerId)}`;
}

export function settleSql(
  id: number,
  change: { status: "failed" | "uncertain" | "skipped"; lastError: string },
  workerId: string,
  now: Date,
): Sql {
  return Prisma.sql`UPDATE email_messages SET status = ${change.status}, last_error = ${change.lastError},
    updated_at = ${now} WHERE id = ${id} AND ${held(workerId)}`;
}

export function requeueSql(id: number, nextAttemptAt: Date, lastError: string, workerId: string, now: Date): Sql {
  return Prisma.sql`UPDATE email_messages SET status = 'queued', next_attempt_at = ${nextAttemptAt},
    last_error = ${lastError}, claimed_by = NULL, claimed_at = NULL, updated_at = ${now}
    WHERE id = ${id} AND ${held(workerId)}`;
}

/** Hands back messages that never reached the transport: the attempt did not happen. */
export function releaseSql(ids: number[], workerId: string, now: Date): Sql {
  return Prisma.sql`UPDATE email_messages SET status = 'queued', attempts = attempts - 1,
    claimed_by = NULL, claimed_at = NULL, updated_at = ${now}
    WHERE id IN (${Prisma.join(ids)}) AND claimed_by = ${workerId} AND status = 'sending'`;
}

/** An invitation went out: invited, unless the agency is already further along. */
export function invitedSql(invitationIds: number[], now: Date): Sql {
  return Prisma.sql`UPDATE invitations SET invited_at = COALESCE(invited_at, ${now}),
    status = CASE WHEN status IN ('not_invited', 'failed') THEN 'invited' ELSE status END, updated_at = ${now}
    WHERE id IN (${Prisma.join(invitationIds)})`;
}

export function remindedSql(invitationIds: number[], now: Date): Sql {
  return Prisma.sql`UPDATE invitations SET reminder_count = reminder_count + 1, last_reminded_at = ${now},
    updated_at = ${now} WHERE id IN (${Prisma.join(invitationIds)})`;
}

/** The invitation itself bounced: failed, unless something better is already known. */
export function invitationFailedSql(invitationIds: number[], now: Date): Sql {
  return Prisma.sql`UPDATE invitations SET status = 'failed', updated_at = ${now}
    WHERE id IN (${Prisma.join(invitationIds)}) AND status = 'not_invited'`;
}

export type EventRow = { invitationId: number; type: string; detail: string; actorUserId?: number | null };

export function insertEventsSql(events: EventRow[], now: Date): Sql {
  const rows = events.map(
    (e) =>
      Prisma.sql`(${e.invitationId}, ${e.type}, ${e.detail.slice(0, 2000)}, ${e.actorUserId ?? null}, ${now}, ${now})`,
  );
  return Prisma.sql`INSERT INTO invitation_events (invitation_id, type, detail, actor_user_id, created_at, updated_at)
    VALUES ${Prisma.join(rows)}`;
}

/** The words a coordinator reads on the invitation's timeline. */
export function describe(message: MessageRef, note = ""): string {
  return `${message.kind.replace(/_/g, " ")} to ${message.toAddress} (message ${message.id})${note ? `: ${note}` : ""}`;
}
