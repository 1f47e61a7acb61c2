// Saves a coordinator's edit of one kind of email, all three parts or none:
// each part must be valid Handlebars using only the documented placeholders,
// and invitations and reminders must carry the link and the opt-out link.
import { recordAudit } from "../../audit/record-audit.js";
import type { Db } from "../../db/client.js";
import { REQUIRED_PLACEHOLDERS, type TemplateKind } from "./email-template-kinds.js";
import type { TemplateParts } from "./default-email-templates.js";
import { checkTemplate, type TemplatePart } from "./template-placeholders.js";

const LIMITS: Record<TemplatePart, number> = { subject: 300, html: 50_000, text: 20_000 };

export type TemplateErrors = Partial<Record<TemplatePart, string>>;

export function validateTemplate(kind: TemplateKind, parts: TemplateParts): TemplateErrors {
  const errors: TemplateErrors = {};
  for (const part of ["subject", "html", "text"] as const) {
    const source = parts[part];
    if (part !== "html" && source.trim() === "") {
      errors[part] = part === "subject" ? "Enter a subject" : "Enter the plain-text part: every email has one";
      continue;
    }
    if (source.length > LIMITS[part]) {
      errors[part] = `Use at most ${LIMITS[part].toLocaleString("en-US")} characters`;
      continue;
    }
    if (part === "subject" && /[\r\n]/.test(source)) {
      errors[part] = "Keep the subject on one line";
      continue;
    }
    const check = checkTemplate(source, part);
    if (!check.ok) {
      errors[part] = check.error;
      continue;
    }
    if (part === "subject" || (part === "html" && source.trim() === "")) continue;
    const absent = REQUIRED_PLACEHOLDERS[kind].filter((name) => !check.used.has(name));
    if (absent.length) {
      errors[part] =
        `Include ${absent.map((n) => `{{${n}}}`).join(" and ")}: every ${kind} carries the agency's link and the way to opt out`;
    }
  }
  return errors;
}

export async function saveEmailTemplate(options: {
  db: Db;
  surveyId: number;
  kind: TemplateKind;
  parts: TemplateParts;
  userId: number;
  ip: string;
}): Promise<{ ok: true } | { ok: false; errors: TemplateErrors }> {
  const { db, surveyId, kind, parts, userId, ip } = options;
  // Browsers send CRLF line ends from a textarea; the emails use LF.
  const clean = {
    subject: parts.subject.trim(),
    html: parts.html.replace(/\r\n/g, "\n"),
    text: parts.text.replace(/\r\n/g, "\n"),
  };
  const errors = validateTemplate(kind, clean);
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.$transaction(async (tx) => {
    await tx.emailTemplate.upsert({
      where: { surveyId_kind: { surveyId, kind } },
      create: { surveyId, kind, ...clean },
      update: clean,
    });
    await recordAudit({
      db: tx,
      action: "email_template.updated",
      actorUserId: userId,
      targetType: "email_template",
      targetId: `${surveyId}:${kind}`,
      detail: { subject: clean.subject },
      ip,
    });
  });
  return { ok: true };
}
