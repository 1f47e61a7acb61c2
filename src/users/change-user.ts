// An admin changes a colleague's role or (de)activates the account. The last
// active admin can never be demoted or deactivated, so nobody is locked out.
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { recordAudit } from "../audit/record-audit.js";
import { isRole, type Role } from "../auth/roles.js";
import { grantCurrentSurvey } from "../auth/survey-access.js";

export type UserChange = { role: Role } | { active: boolean } | { canSeeContacts: boolean };

export function parseUserChange(form: Record<string, unknown>): UserChange | null {
  if (isRole(form.role)) return { role: form.role };
  if (form.active === "true" || form.active === "false") return { active: form.active === "true" };
  if (form.canSeeContacts === "true" || form.canSeeContacts === "false")
    return { canSeeContacts: form.canSeeContacts === "true" };
  return null;
}

export async function changeUser(options: {
  db: Db;
  actor: { id: number; email: string };
  userId: number;
  change: UserChange;
  ip: string;
}): Promise<void> {
  const { db, actor, userId, change, ip } = options;
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "No such staff account");
    const losesAdmin =
      user.role === "admin" &&
      user.active &&
      (("role" in change && change.role !== "admin") || ("active" in change && !change.active));
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", active: true } })) <= 1) {
      throw new AppError(
        "conflict",
        "This is the last active admin",
        "Make another account an admin first, so someone can still manage the site.",
      );
    }
    await tx.user.update({ where: { id: userId }, data: change });
    // A researcher sees only granted surveys: one made a researcher keeps the current one, as a new one gets it.
    if ("role" in change && change.role === "researcher" && user.role !== "researcher")
      await grantCurrentSurvey({ db: tx, userId, actor, ip });
    // A deactivated account's sessions end now, not at their next request.
    if ("active" in change && !change.active) await tx.session.deleteMany({ where: { userId } });
    await recordAudit({
      db: tx,
      action: "user.changed",
      actorUserId: actor.id,
      actorLabel: actor.email,
      targetType: "user",
      targetId: userId,
      detail: { email: user.email, ...change },
      ip,
    });
  });
}
