// Queues a wave in one transaction: the wave, the invitations it needs, one
// outbox message per recipient (links as markers, List-Unsubscribe headers),
// a "queued" event on each invitation's timeline and an audit event. Either
// all of it is written or none. The recipients are worked out again here, so
// what is queued matches the database now, not when the confirmation was shown.
import { recordAudit } from "../../audit/record-audit.js";
import type { Db } from "../../db/client.js";
import { ensureInvitations } from "../ensure-invitations.js";
import { OPT_OUT_LINK_MARKER, SURVEY_LINK_MARKER, unsubscribeHeaders } from "../invitation-link.js";
import { enqueueMessages, type OutboxMessageInput } from "../outbox/enqueue-messages.js";
import { insertEventsSql } from "../outbox/outbox-sql.js";
import { ensureEmailTemplates } from "../templates/ensure-email-templates.js";
import { emailValuesFor } from "../templates/preview-survey-email.js";
import { renderSurveyEmail } from "../templates/render-survey-email.js";
import { classifyRecipients, type Classification } from "./classify-recipients.js";
import type { WaveRequest } from "./wave-form.js";

const EVENTS_PER_STATEMENT = 1000;
const markers = { link: SURVEY_LINK_MARKER, optOutLink: OPT_OUT_LINK_MARKER };

export type QueueResult =
  | { ok: true; waveId: number; queued: number; classification: Classification }
  | { ok: false; classification: Classification };

export async function queueWave(options: {
  db: Db;
  surveyId: number;
  request: WaveRequest;
  linkSecret: string;
  userId: number | null;
  ip?: string;
  now?: Date;
}): Promise<QueueResult> {
  const { db, surveyId, request, linkSecret, userId, ip = "", now = new Date() } = options;
  const templates = await ensureEmailTemplates({ db, surveyId });
  return db.$transaction(
    async (tx) => {
      const classification = await classifyRecipients({ db: tx, surveyId, request });
      const { recipients } = classification;
      if (recipients.length === 0) return { ok: false, classification };
      const scheduledAt = request.sendAt ?? now;
      const wave = await tx.wave.create({
        data: {
          surveyId,
          kind: request.kind,
          name: request.name,
          selection: JSON.stringify({
            ...request.selection,
            ...(request.kind === "reminder" ? { group: request.group } : {}),
          }),
          scheduledAt,
          createdById: userId,
        },
      });
      const invitationOf = await ensureInvitations({
        db: tx,
        surveyId,
        agencyIds: recipients.filter((r) => r.invitationId === null).map((r) => r.agencyId),
        linkSecret,
        now,
      });
      const template = templates[request.kind];
      const shared = await emailValuesFor(tx, surveyId);
      const messages: OutboxMessageInput[] = recipients.map((r) => {
        const email = renderSurveyEmail(
          template,
          { agencyName: r.name, contactName: r.contactName, ...shared },
          markers,
        );
        return {
          kind: request.kind,
          to: r.email,
          ...email,
          headers: unsubscribeHeaders,
          invitationId: r.invitationId ?? invitationOf.get(r.agencyId)!,
          waveId: wave.id,
          sendAfter: scheduledAt,
        };
      });
      const { ids } = await enqueueMessages({ db: tx, messages, now });
      const when = request.sendAt
        ? `, to go at ${request.sendAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
        : "";
      const events = messages.map((m) => ({
        invitationId: m.invitationId!,
        type: "queued",
        detail: `${request.kind} to ${m.to}, wave "${request.name}"${when}`,
        actorUserId: userId,
      }));
      for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
        await tx.$executeRaw(insertEventsSql(events.slice(i, i + EVENTS_PER_STATEMENT), now));
      }
      await recordAudit({
        db: tx,
        action: "wave.queued",
        actorUserId: userId,
        targetType: "wave",
        targetId: wave.id,
        detail: {
          kind: request.kind,
          name: request.name,
          scheduledAt: scheduledAt.toISOString(),
          queued: ids.length,
          excluded: classification.excluded,
        },
        ip,
      });
      return { ok: true, waveId: wave.id, queued: ids.length, classification };
    },
    // A wave to the whole frame (18,000 agencies) writes tens of thousands of rows.
    { timeout: 120_000, maxWait: 10_000 },
  );
}
