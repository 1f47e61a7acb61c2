// The first admin of a fresh install: while no staff account exists, each start
// issues a one-time setup link (only its hash is stored) and prints it.
import type { DbOrTx } from "../db/client.js";
import { hashToken, newToken } from "./tokens.js";

export const FIRST_ADMIN_SETUP_KEY = "first_admin_setup";
const VALID_FOR_MS = 24 * 60 * 60 * 1000;

export async function issueFirstAdminSetupLink(options: {
  db: DbOrTx;
  baseUrl: string;
  now?: Date;
}): Promise<{ url: string } | null> {
  const { db, baseUrl, now = new Date() } = options;
  if ((await db.user.count()) > 0) return null;
  const token = newToken();
  const value = JSON.stringify({
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + VALID_FOR_MS).toISOString(),
  });
  await db.setting.upsert({
    where: { key: FIRST_ADMIN_SETUP_KEY },
    create: { key: FIRST_ADMIN_SETUP_KEY, value },
    update: { value },
  });
  return { url: `${baseUrl}/setup/${token}` };
}
