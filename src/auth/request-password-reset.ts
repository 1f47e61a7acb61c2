// "Forgotten your password?": a single-use link valid for an hour, mailed
// through the outbox. The answer is the same whether or not the account exists.
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { enqueueMessage } from "../invitations/outbox/enqueue-message.js";
import { renderStaffEmail } from "../mail/render-email.js";
import { issueUserLink } from "./issue-user-link.js";

export const RESET_VALID_MINUTES = 60;

export async function requestPasswordReset(options: {
  db: Db;
  email: string;
  baseUrl: string;
  ip: string;
  now?: Date;
}): Promise<void> {
  const { db, baseUrl, ip, now = new Date() } = options;
  const email = options.email.trim().toLowerCase().slice(0, 254);
  const user = await db.user.findUnique({ where: { email } });
  await recordAudit({
    db,
    action: "auth.password_reset_requested",
    actorLabel: email,
    actorUserId: user?.id ?? null,
    ip,
  });
  if (!user || !user.active) return;
  await db.$transaction(async (tx) => {
    const link = await issueUserLink({
      db: tx,
      userId: user.id,
      purpose: "password_reset",
      validMs: RESET_VALID_MINUTES * 60_000,
      baseUrl,
      now,
    });
    const message = renderStaffEmail("password-reset", {
      name: user.name || user.email,
      link,
      validMinutes: RESET_VALID_MINUTES,
    });
    await enqueueMessage({ db: tx, kind: "password_reset", to: user.email, ...message });
  });
}
