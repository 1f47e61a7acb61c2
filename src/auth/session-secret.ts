// Outside production SESSION_SECRET and INVITATION_LINK_SECRET may be left
// unset: a random one is made once and kept in the database, so sessions and
// personal links survive restarts on a dev machine.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { retryOnUniqueViolation } from "../db/unique-race.js";

export async function resolveStoredSecret(options: {
  db: DbOrTx;
  key: "session_secret" | "invitation_link_secret";
  configured: string | undefined;
}): Promise<string> {
  const { db, key } = options;
  if (options.configured) return options.configured;
  const existing = await db.setting.findUnique({ where: { key } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString("base64url");
  // upsert: two processes starting together agree on whichever wrote first.
  const saved = await retryOnUniqueViolation(() =>
    db.setting.upsert({ where: { key }, create: { key, value }, update: {} }),
  );
  return saved.value;
}

export async function resolveSessionSecret(options: { db: DbOrTx; configured: string | undefined }): Promise<string> {
  return resolveStoredSecret({ ...options, key: "session_secret" });
}

export async function resolveLinkSecret(options: { db: DbOrTx; configured: string | undefined }): Promise<string> {
  return resolveStoredSecret({ ...options, key: "invitation_link_secret" });
}
