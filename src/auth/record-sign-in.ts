// What a successful or failed sign-in leaves behind: the audit trail and the last-login time.
import type { DbOrTx } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";

export async function recordSignIn(options: { db: DbOrTx; userId: number; email: string; ip: string }): Promise<void> {
  const { db, userId, email, ip } = options;
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
  await recordAudit({
    db,
    action: "auth.signed_in",
    actorUserId: userId,
    actorLabel: email,
    targetType: "user",
    targetId: userId,
    ip,
  });
}

export async function recordFailedSignIn(options: { db: DbOrTx; email: string; ip: string }): Promise<void> {
  await recordAudit({
    db: options.db,
    action: "auth.sign_in_failed",
    actorLabel: options.email.slice(0, 254),
    ip: options.ip,
  });
}
