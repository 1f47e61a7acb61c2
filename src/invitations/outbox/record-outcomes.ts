// Writes what happened to a group of messages in one transaction: each
// message's status and the invitation's timeline move together. It runs on the
// plain-driver write connection: through Prisma, a transaction cost about a
// millisecond of CPU whatever it held, more than its SQL. (On SQLite that
// connection takes the write lock at BEGIN, so no read can go stale before a write.)
import { statementOf } from "../../db/prisma-statement.js";
import type { WriteConnection } from "../../db/write-connection.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import {
  describe,
  insertEventsSql,
  invitationFailedSql,
  invitedSql,
  markSentSql,
  remindedSql,
  requeueSql,
  settleSql,
  type EventRow,
} from "./outbox-sql.js";
import type { MessageRef } from "./outbox-types.js";

export type Outcome =
  | { type: "sent"; message: MessageRef }
  | { type: "retry"; message: MessageRef; error: string; nextAttemptAt: Date }
  | { type: "failed"; message: MessageRef; error: string }
  | { type: "uncertain"; message: MessageRef; error: string }
  | { type: "skipped"; message: MessageRef; reason: string };

function eventOf(outcome: Outcome): EventRow | null {
  const { message } = outcome;
  if (message.invitationId === null || outcome.type === "retry") return null;
  const detail =
    outcome.type === "sent"
      ? describe(message)
      : outcome.type === "skipped"
        ? describe(message, `not sent, ${outcome.reason}`)
        : outcome.type === "uncertain"
          ? describe(message, `the mail server may or may not have it (${outcome.error})`)
          : describe(message, outcome.error);
  return { invitationId: message.invitationId, type: outcome.type, detail };
}

function invitationIds(outcomes: Outcome[], type: Outcome["type"], kind: string): number[] {
  const ids = outcomes.flatMap((o) =>
    o.type === type && o.message.kind === kind && o.message.invitationId !== null ? [o.message.invitationId] : [],
  );
  return [...new Set(ids)];
}

export function outcomeStatements(outcomes: Outcome[], workerId: string, now: Date): Prisma.Sql[] {
  const statements: Prisma.Sql[] = [];
  const sent = outcomes.flatMap((o) => (o.type === "sent" ? [o.message.id] : []));
  if (sent.length) statements.push(markSentSql(sent, workerId, now));
  for (const o of outcomes) {
    if (o.type === "retry") statements.push(requeueSql(o.message.id, o.nextAttemptAt, o.error, workerId, now));
    if (o.type === "failed" || o.type === "uncertain") {
      statements.push(settleSql(o.message.id, { status: o.type, lastError: o.error }, workerId, now));
    }
    if (o.type === "skipped") {
      statements.push(settleSql(o.message.id, { status: "skipped", lastError: o.reason }, workerId, now));
    }
  }
  const invited = invitationIds(outcomes, "sent", "invitation");
  if (invited.length) statements.push(invitedSql(invited, now));
  const reminded = invitationIds(outcomes, "sent", "reminder");
  if (reminded.length) statements.push(remindedSql(reminded, now));
  const bounced = invitationIds(outcomes, "failed", "invitation");
  if (bounced.length) statements.push(invitationFailedSql(bounced, now));
  const events = outcomes.flatMap((o) => eventOf(o) ?? []);
  if (events.length) statements.push(insertEventsSql(events, now));
  return statements;
}

export async function recordOutcomes(options: {
  db: WriteConnection;
  workerId: string;
  outcomes: Outcome[];
  now: Date;
}): Promise<void> {
  const { db, workerId, outcomes, now } = options;
  const statements = outcomeStatements(outcomes, workerId, now);
  if (statements.length === 0) return;
  await db.transaction(function* () {
    for (const sql of statements) yield statementOf(sql);
  });
}
