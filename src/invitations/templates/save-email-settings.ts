// The survey settings the emails use: the date to answer by ({{deadline}}) and
// the coordinator's signature ({{coordinatorSignature}}).
import { recordAudit } from "../../audit/record-audit.js";
import type { Db } from "../../db/client.js";

export const MAX_SIGNATURE_LENGTH = 1000;

export type EmailSettingsForm = { deadline: string; signature: string };
export type EmailSettingsErrors = Partial<Record<keyof EmailSettingsForm, string>>;

/** A calendar date typed as YYYY-MM-DD (what a date input sends), as midnight UTC. */
function parseDate(value: string): Date | null | "invalid" {
  if (value === "") return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return "invalid";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : "invalid";
}

export async function saveEmailSettings(options: {
  db: Db;
  surveyId: number;
  form: EmailSettingsForm;
  userId: number;
  ip: string;
}): Promise<{ ok: true } | { ok: false; errors: EmailSettingsErrors }> {
  const { db, surveyId, userId, ip } = options;
  const deadlineText = options.form.deadline.trim();
  const signature = options.form.signature.replace(/\r\n/g, "\n").trim();
  const errors: EmailSettingsErrors = {};
  const deadline = parseDate(deadlineText);
  if (deadline === "invalid") errors.deadline = "Enter the deadline as a date, like 2026-06-30, or leave it empty";
  if (signature.length > MAX_SIGNATURE_LENGTH) {
    errors.signature = `Use at most ${MAX_SIGNATURE_LENGTH} characters for the signature`;
  }
  if (deadline === "invalid" || Object.keys(errors).length) return { ok: false, errors };
  await db.$transaction(async (tx) => {
    await tx.survey.update({
      where: { id: surveyId },
      data: { responseDeadline: deadline, coordinatorSignature: signature },
    });
    await recordAudit({
      db: tx,
      action: "survey.email_settings_updated",
      actorUserId: userId,
      targetType: "survey",
      targetId: surveyId,
      detail: { deadline: deadlineText, signature },
      ip,
    });
  });
  return { ok: true };
}
