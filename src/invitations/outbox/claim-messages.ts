// Takes a batch of due messages for one worker in a single statement, so two
// workers never hold the same message:
// - PostgreSQL: the SELECT locks the rows it picks and SKIP LOCKED makes a
//   second worker pass over them instead of waiting, then taking the same rows.
// - SQLite: the statement holds the database's only write lock from start to
//   end, so the SELECT and the UPDATE see the same rows.
// Dates are bound as parameters, so they are compared in the stored format
// (ISO-8601 text under the SQLite adapter, timestamp(3) in PostgreSQL).
// The same statement reads the invitation's state for the send-time check.
// It runs on the plain-driver write connection: through Prisma, compiling and
// running it cost more than the SQL itself, once per batch.
import { randomBytes } from "node:crypto";
import { statementOf } from "../../db/prisma-statement.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { contactStateSql, sendBlockerOf, type SendBlocker } from "../send-time-check.js";
import type { OutboxDb } from "./outbox-types.js";

/** A claimed message, as the worker needs it. */
export type ClaimedMessage = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  html: string;
  text: string;
  headers: string;
  invitationId: number | null;
  waveId: number | null;
  /** Including this attempt. */
  attempts: number;
  /** The Message-ID header, fixed at the first claim and kept for every attempt. */
  messageId: string;
  /** Set when the invitation's state says this message must not go. */
  blocker: SendBlocker | null;
  /** The invitation's link nonce, from which the worker rebuilds its links (invitation-link.ts). */
  linkNonce: string | null;
};

type Row = {
  id: number | bigint;
  kind: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: string;
  invitation_id: number | bigint | null;
  wave_id: number | bigint | null;
  attempts: number | bigint;
  smtp_message_id: string;
  contact_state: string | null;
  link_nonce: string | null;
};

const idOrNull = (v: number | bigint | null) => (v === null ? null : Number(v));

// Raw rows, not Prisma's findMany: reading a batch back through the query
// builder cost several times the claim itself.
function toMessage(r: Row): ClaimedMessage {
  return {
    id: Number(r.id),
    kind: r.kind,
    toAddress: r.to_address,
    subject: r.subject,
    html: r.html,
    text: r.text,
    headers: r.headers,
    invitationId: idOrNull(r.invitation_id),
    waveId: idOrNull(r.wave_id),
    attempts: Number(r.attempts),
    messageId: r.smtp_message_id,
    blocker: sendBlockerOf(r.kind, r.contact_state),
    linkNonce: r.link_nonce,
  };
}

// Makes Message-IDs unique across databases; only the first claim's one is kept.
const salt = randomBytes(6).toString("hex");

export async function claimMessages(options: {
  db: OutboxDb;
  workerId: string;
  limit: number;
  now: Date;
  /** The domain of the Message-ID header, usually the sender's. */
  messageIdDomain?: string;
}): Promise<ClaimedMessage[]> {
  const { db, workerId, limit, now, messageIdDomain = "localhost" } = options;
  const messageId = Prisma.sql`CAST(${"<outbox."} AS TEXT) || CAST(id AS TEXT) || CAST(${`.${salt}@${messageIdDomain}>`} AS TEXT)`;
  const lock = db.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  // MATERIALIZED: evaluated once. As a plain IN (sub-select), PostgreSQL may run
  // the locking sub-select again per row and claim more than `limit`.
  // The UPDATE finds its rows by id alone: the picked rows are still queued
  // (locked on PostgreSQL, under the write lock on SQLite), and with a second
  // "status = 'queued'" there SQLite's planner walks the status index through
  // every queued message on each claim, so a wave's claims grew with its square.
  const claim = Prisma.sql`
    WITH picked AS MATERIALIZED (
      SELECT id FROM email_messages
      WHERE status = 'queued' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      ${lock}
    )
    UPDATE email_messages
    SET status = 'sending', claimed_by = ${workerId}, claimed_at = ${now}, attempts = attempts + 1,
      updated_at = ${now}, smtp_message_id = COALESCE(smtp_message_id, ${messageId})
    WHERE id IN (SELECT id FROM picked)
    RETURNING id, kind, to_address, subject, html, text, headers, invitation_id, wave_id, attempts,
      smtp_message_id, ${contactStateSql(Prisma.sql`email_messages.invitation_id`)} AS contact_state,
      (SELECT link_nonce FROM invitations WHERE id = email_messages.invitation_id) AS link_nonce`;
  const rows = await db.write.transaction(function* () {
    return (yield statementOf(claim)).rows as Row[];
  });
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}
