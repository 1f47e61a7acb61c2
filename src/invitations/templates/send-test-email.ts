// "Send me a test": the preview of one kind of email, queued in the outbox to
// the signed-in coordinator, so it goes out the way the real ones will.
import { recordAudit } from "../../audit/record-audit.js";
import type { Db } from "../../db/client.js";
import { enqueueMessage } from "../outbox/enqueue-message.js";
import type { TemplateKind } from "./email-template-kinds.js";
import { previewSurveyEmail, sampleLinks } from "./preview-survey-email.js";

export async function sendTestEmail(options: {
  db: Db;
  surveyId: number;
  kind: TemplateKind;
  baseUrl: string;
  search?: string;
  user: { id: number; email: string };
  ip: string;
}): Promise<{ to: string }> {
  const { db, surveyId, kind, baseUrl, search, user, ip } = options;
  const { agency, email } = await previewSurveyEmail({ db, surveyId, kind, baseUrl, search });
  await db.$transaction(async (tx) => {
    await enqueueMessage({
      db: tx,
      kind: "test",
      to: user.email,
      subject: `[Test] ${email.subject}`.slice(0, 998),
      html: email.html,
      text: email.text,
      headers: {
        "List-Unsubscribe": `<${sampleLinks(baseUrl).optOutLink}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
    await recordAudit({
      db: tx,
      action: "email_template.test_sent",
      actorUserId: user.id,
      targetType: "email_template",
      targetId: `${surveyId}:${kind}`,
      detail: { to: user.email, agencyId: agency?.id ?? null },
      ip,
    });
  });
  return { to: user.email };
}
