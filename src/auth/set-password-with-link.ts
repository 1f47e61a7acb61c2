// A password set through an emailed link (reset, or a colleague's invitation):
// the link works once, before it expires, for an active account; setting the
// password ends every other session of that account.
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { recordAudit } from "../audit/record-audit.js";
import { hashPassword } from "./password-hash.js";
import { passwordProblem } from "./password-policy.js";
import { hashToken, looksLikeToken } from "./tokens.js";

const form = z.object({ password: z.string().max(1000).catch(""), confirm: z.string().max(1000).catch("") });

const expired = () =>
  new AppError(
    "gone",
    "This link no longer works",
    "It has been used already or has expired. Ask for a new one from the sign-in page.",
  );

export async function findLinkUser(options: { db: DbOrTx; token: string; now?: Date }) {
  const { db, token, now = new Date() } = options;
  if (!looksLikeToken(token))
    throw new AppError("not_found", "This link does not work", "Check that the whole link from the email was copied.");
  const row = await db.userToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row)
    throw new AppError("not_found", "This link does not work", "Check that the whole link from the email was copied.");
  if (row.usedAt || row.expiresAt <= now || !row.user.active) throw expired();
  return row;
}

export async function setPasswordWithLink(options: {
  db: Db;
  token: string;
  body: unknown;
  ip: string;
  now?: Date;
}): Promise<{ ok: true; purpose: string } | { ok: false; errors: Record<string, string> }> {
  const { db, token, ip, now = new Date() } = options;
  const link = await findLinkUser({ db, token, now });
  const { password, confirm } = form.parse(options.body ?? {});
  const problem = passwordProblem(password, { email: link.user.email });
  if (problem) return { ok: false, errors: { password: problem } };
  if (password !== confirm) return { ok: false, errors: { confirm: "The two passwords do not match" } };
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // Only the first of two racing submissions finds the link unused.
    const claimed = await tx.userToken.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count === 0) throw expired();
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: link.userId } });
    await recordAudit({
      db: tx,
      action: `auth.password_set.${link.purpose}`,
      actorUserId: link.userId,
      actorLabel: link.user.email,
      targetType: "user",
      targetId: link.userId,
      ip,
    });
  });
  return { ok: true, purpose: link.purpose };
}
