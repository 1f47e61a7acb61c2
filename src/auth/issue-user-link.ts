// A single-use link to /password/set/:token for one user (password reset, a
// colleague's invitation, an approved access request). A new link of the same
// purpose replaces any earlier one still unused, so only the latest email works.
import type { DbOrTx } from "../db/client.js";
import { hashToken, newToken } from "./tokens.js";

export type UserLinkPurpose = "password_reset" | "invite";

export const INVITE_VALID_DAYS = 7;

export async function issueUserLink(options: {
  db: DbOrTx;
  userId: number;
  purpose: UserLinkPurpose;
  validMs: number;
  baseUrl: string;
  now?: Date;
}): Promise<string> {
  const { db, userId, purpose, validMs, baseUrl, now = new Date() } = options;
  const token = newToken();
  await db.userToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  await db.userToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + validMs) },
  });
  return `${baseUrl}/password/set/${token}`;
}

/** The link of a new account (a colleague's invitation, an approved access request), valid INVITE_VALID_DAYS. */
export function issueInviteLink(options: { db: DbOrTx; userId: number; baseUrl: string; now?: Date }): Promise<string> {
  return issueUserLink({ ...options, purpose: "invite", validMs: INVITE_VALID_DAYS * 86_400_000 });
}
