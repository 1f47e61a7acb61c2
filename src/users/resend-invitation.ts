// A colleague lost or let expire the invitation: a new link replaces the old
// one. Only for active accounts that never chose a password.
import type { Db } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { AppError } from "../http/app-error.js";
import { sendStaffInvite } from "./invite-user.js";

export async function resendInvitation(options: {
  db: Db;
  userId: number;
  actor: { id: number; email: string; name: string };
  baseUrl: string;
  ip: string;
}): Promise<void> {
  const { db, userId, actor, baseUrl, ip } = options;
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "No such staff account");
    if (user.passwordHash || !user.active)
      throw new AppError(
        "conflict",
        "This account does not need an invitation",
        user.active
          ? "Its owner has already chosen a password. They can reset it from the sign-in page."
          : "It is deactivated. Reactivate it first.",
      );
    await sendStaffInvite({ db: tx, user, actor, baseUrl });
    await recordAudit({
      db: tx,
      action: "user.invite_resent",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "user",
      targetId: user.id,
      detail: { email: user.email },
      ip,
    });
  });
}
