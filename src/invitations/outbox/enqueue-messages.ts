// Writes messages to the outbox (status queued); the worker sends them later.
// A wave enqueued twice must not mail anyone twice: (waveId, invitationId) is
// unique, and a row that already exists is skipped with ON CONFLICT DO NOTHING
// rather than an error, because an error would abort the caller's transaction
// on PostgreSQL.
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { runOnPrisma, type SqlSteps } from "../../db/prisma-statement.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { AppError } from "../../http/app-error.js";
import { MESSAGE_KINDS } from "./outbox-types.js";

// Header names per RFC 5322; values on one line, so no header can be smuggled in.
const headerName = /^[!-9;-~]+$/;
const singleLine = /^[^\r\n]*$/;

export const outboxMessageSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  to: z
    .string()
    .max(320)
    .regex(/^[^\s<>@,;"]+@[^\s<>@,;"]+$/, { message: "expected one plain email address" }),
  subject: z.string().max(998).regex(singleLine, { message: "expected one line" }),
  html: z.string().default(""),
  text: z.string(),
  headers: z
    .record(
      z.string().regex(headerName, { message: "expected a header name" }),
      z.string().max(2000).regex(singleLine, { message: "expected one line" }),
    )
    .default({}),
  invitationId: z.number().int().positive().nullable().default(null),
  waveId: z.number().int().positive().nullable().default(null),
  /** Not before this time (a scheduled wave); default now. */
  sendAfter: z.date().optional(),
});

export type OutboxMessageInput = z.input<typeof outboxMessageSchema>;

// 11 parameters a row: within SQLite's 32,766 and PostgreSQL's 65,535 per statement.
const ROWS_PER_STATEMENT = 2000;

function parse(input: OutboxMessageInput) {
  const result = outboxMessageSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("bad_request", "Invalid outbox message", `${issue?.path.join(".")}: ${issue?.message}`);
  }
  return result.data;
}

export type EnqueueResult = { ids: number[]; skipped: number };

/** The inserts as steps (prisma-statement.ts), for a caller's write-connection transaction (queue-wave.ts). */
export function* enqueueMessageSteps(options: { messages: OutboxMessageInput[]; now?: Date }): SqlSteps<EnqueueResult> {
  const { now = new Date() } = options;
  const rows = options.messages.map(parse);
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map(
      (m) =>
        Prisma.sql`(${m.waveId}, ${m.invitationId}, ${m.kind}, ${m.to}, ${m.subject}, ${m.html}, ${m.text},
          ${JSON.stringify(m.headers)}, 'queued', 0, ${m.sendAfter ?? now}, ${now}, ${now})`,
    );
    const created: Record<string, unknown>[] = yield Prisma.sql`
      INSERT INTO email_messages (wave_id, invitation_id, kind, to_address, subject, html, text,
        headers, status, attempts, next_attempt_at, created_at, updated_at)
      VALUES ${Prisma.join(values)}
      ON CONFLICT (wave_id, invitation_id) DO NOTHING
      RETURNING id`;
    ids.push(...created.map((r) => Number(r.id)));
  }
  return { ids, skipped: rows.length - ids.length };
}

/** Inserts the messages that are new; returns the ids created and how many already existed. */
export async function enqueueMessages(options: {
  db: DbOrTx;
  messages: OutboxMessageInput[];
  now?: Date;
}): Promise<EnqueueResult> {
  return runOnPrisma(options.db, enqueueMessageSteps(options));
}
