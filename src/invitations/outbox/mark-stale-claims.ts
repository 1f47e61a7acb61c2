// A message left in "sending" belongs to a worker that died or hung after
// claiming it: whether the mail server got it cannot be known, so it becomes
// "uncertain" for a coordinator to settle, and is never sent again by itself.
// Two cases:
// - on start, every claim a worker finds under its own id is stale (worker ids
//   are stable per deployment, one process per id), so a restart recovers at once;
// - any claim older than the lease, whoever made it (a host that never came back).
// The lease must outlast the longest a live worker holds a claim: a batch's
// throttled dispatch plus the transport's timeouts, a few minutes at most.
import type { Db } from "../../db/client.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { describe, insertEventsSql } from "./outbox-sql.js";

export async function markStaleClaims(options: {
  db: Db;
  now: Date;
  leaseMs: number;
  /** Also every claim of this worker id, whatever its age (at worker start). */
  ownWorkerId?: string;
  /** Never this worker id: its recent claims are still in its hands. */
  exceptWorkerId?: string;
}): Promise<number> {
  const { db, now, leaseMs, ownWorkerId, exceptWorkerId } = options;
  const expired = new Date(now.getTime() - leaseMs);
  const stale = ownWorkerId
    ? Prisma.sql`(claimed_at < ${expired} OR claimed_by = ${ownWorkerId})`
    : Prisma.sql`claimed_at < ${expired}`;
  const except = exceptWorkerId ? Prisma.sql`AND claimed_by <> ${exceptWorkerId}` : Prisma.empty;
  const note = "the worker stopped while sending; check the mail server's log, then mark sent or resend";
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: number | bigint; kind: string; invitation_id: number | bigint | null; to_address: string }[]
    >`UPDATE email_messages SET status = 'uncertain', last_error = ${note}, updated_at = ${now}
      WHERE status = 'sending' AND ${stale} ${except}
      RETURNING id, kind, invitation_id, to_address`;
    const events = rows.flatMap((r) =>
      r.invitation_id === null
        ? []
        : [
            {
              invitationId: Number(r.invitation_id),
              type: "uncertain",
              detail: describe(
                { id: Number(r.id), kind: r.kind, invitationId: Number(r.invitation_id), toAddress: r.to_address },
                note,
              ),
            },
          ],
    );
    if (events.length) await tx.$executeRaw(insertEventsSql(events, now));
    return rows.length;
  });
}
