// Queues a wave in one transaction: the wave, the invitations it needs, one
// outbox message per recipient (links as markers, List-Unsubscribe headers),
// a "queued" event on each invitation's timeline and an audit event. Either
// all of it is written or none. The recipients are worked out again here, so
// what is queued matches the database now, not when the confirmation was shown.
//
// The transaction runs on the plain write connection (write-connection.ts):
// through Prisma, compiling its big multi-row statements cost most of a wave's
// time (about 5 s for 18,000 agencies, against under 1 s now). On SQLite that
// transaction is synchronous and holds the event loop while it writes, so what
// does not depend on the database's state at that moment is done before,
// yielding to the event loop between batches: the emails are rendered for the
// recipients the confirmation's query finds now, and the transaction renders
// only those it finds that this did not (an agency renamed or added meanwhile).
import { setImmediate as nextTurn } from "node:timers/promises";
import { auditEventSql } from "../../audit/record-audit.js";
import type { Database } from "../../db/client.js";
import { onWriteConnection, runOnReader, statementOf } from "../../db/prisma-statement.js";
import type { TransactionBody } from "../../db/write-connection.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { ensureInvitationSteps } from "../ensure-invitations.js";
import { OPT_OUT_LINK_MARKER, SURVEY_LINK_MARKER, unsubscribeHeaders } from "../invitation-link.js";
import { enqueueMessageSteps, type OutboxMessageInput } from "../outbox/enqueue-messages.js";
import { insertEventsSql } from "../outbox/outbox-sql.js";
import type { TemplateParts } from "../templates/default-email-templates.js";
import { ensureEmailTemplates } from "../templates/ensure-email-templates.js";
import { emailValuesFor } from "../templates/preview-survey-email.js";
import { renderSurveyEmail, type EmailValues, type RenderedSurveyEmail } from "../templates/render-survey-email.js";
import { classifySteps, selectedAgencyIds, type Classification, type Recipient } from "./classify-recipients.js";
import type { WaveRequest } from "./wave-form.js";

// 6 parameters a row: within SQLite's 32,766 and PostgreSQL's 65,535 per statement.
const EVENTS_PER_STATEMENT = 4000;
// Emails rendered before the event loop gets a turn (about 15 µs each).
const RENDER_BATCH = 500;
const markers = { link: SURVEY_LINK_MARKER, optOutLink: OPT_OUT_LINK_MARKER };

export type QueueResult =
  | { ok: true; waveId: number; queued: number; classification: Classification }
  | { ok: false; classification: Classification };

/** Each recipient's email; the same agency name and contact render the same email, so each is made once. */
function emailRenderer(template: TemplateParts, shared: Pick<EmailValues, "deadline" | "coordinatorSignature">) {
  const rendered = new Map<string, RenderedSurveyEmail>();
  return (r: Recipient): RenderedSurveyEmail => {
    const key = `${r.name}\u0000${r.contactName}`;
    let email = rendered.get(key);
    if (!email) {
      email = renderSurveyEmail(template, { agencyName: r.name, contactName: r.contactName, ...shared }, markers);
      rendered.set(key, email);
    }
    return email;
  };
}

export async function queueWave(options: {
  db: Pick<Database, "prisma" | "read" | "write" | "provider">;
  surveyId: number;
  request: WaveRequest;
  linkSecret: string;
  userId: number | null;
  ip?: string;
  now?: Date;
}): Promise<QueueResult> {
  const { db, surveyId, request, linkSecret, userId, ip = "", now = new Date() } = options;
  const templates = await ensureEmailTemplates({ db: db.prisma, surveyId });
  const emailOf = emailRenderer(templates[request.kind], await emailValuesFor(db.prisma, surveyId));
  // Picked ids, or the agencies list's own filter (a Prisma query, which cannot run inside the
  // synchronous transaction): who is selected. Who of them gets it is decided inside.
  const ids = await selectedAgencyIds(db.prisma, surveyId, request);
  const { recipients: expected } = await runOnReader(db.read, classifySteps(surveyId, request, ids));
  for (let i = 0; i < expected.length; i += RENDER_BATCH) {
    expected.slice(i, i + RENDER_BATCH).forEach(emailOf);
    await nextTurn();
  }
  return db.write.transaction(function* (): TransactionBody<QueueResult> {
    // Queuings for one survey take turns, so a second one finds who the first
    // queued: on PostgreSQL two at once would each work out the same recipients
    // before either commits. (SQLite's write lock already lets one in at a time.)
    if (db.provider === "postgresql")
      yield statementOf(Prisma.sql`SELECT id FROM surveys WHERE id = ${surveyId} FOR UPDATE`);
    const classification = yield* onWriteConnection(classifySteps(surveyId, request, ids));
    const { recipients } = classification;
    if (recipients.length === 0) return { ok: false, classification };
    const scheduledAt = request.sendAt ?? now;
    const selection = JSON.stringify({
      ...request.selection,
      ...(request.kind === "reminder" ? { group: request.group } : {}),
    });
    const created = new Date();
    const [wave] = (yield statementOf(Prisma.sql`
      INSERT INTO waves (survey_id, kind, name, selection, scheduled_at, created_by_id, created_at, updated_at)
      VALUES (${surveyId}, ${request.kind}, ${request.name}, ${selection}, ${scheduledAt}, ${userId}, ${created}, ${created})
      RETURNING id`)).rows;
    const waveId = Number(wave!.id);
    const invitationOf = yield* onWriteConnection(
      ensureInvitationSteps({
        surveyId,
        agencyIds: recipients.filter((r) => r.invitationId === null).map((r) => r.agencyId),
        linkSecret,
        now,
      }),
    );
    const messages: OutboxMessageInput[] = recipients.map((r) => ({
      kind: request.kind,
      to: r.email,
      ...emailOf(r),
      headers: unsubscribeHeaders,
      invitationId: r.invitationId ?? invitationOf.get(r.agencyId)!,
      waveId,
      sendAfter: scheduledAt,
    }));
    const { ids: queued } = yield* onWriteConnection(enqueueMessageSteps({ messages, now }));
    const when = request.sendAt ? `, to go at ${request.sendAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
    const events = messages.map((m) => ({
      invitationId: m.invitationId!,
      type: "queued",
      detail: `${request.kind} to ${m.to}, wave "${request.name}"${when}`,
      actorUserId: userId,
    }));
    for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
      yield statementOf(insertEventsSql(events.slice(i, i + EVENTS_PER_STATEMENT), now));
    }
    yield statementOf(
      auditEventSql({
        action: "wave.queued",
        actorUserId: userId,
        targetType: "wave",
        targetId: waveId,
        detail: {
          kind: request.kind,
          name: request.name,
          scheduledAt: scheduledAt.toISOString(),
          queued: queued.length,
          excluded: classification.excluded,
        },
        ip,
      }),
    );
    return { ok: true, waveId, queued: queued.length, classification };
  });
}
