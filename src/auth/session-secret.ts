// Outside production SESSION_SECRET may be left unset: a random one is made
// once and kept in the database, so sessions survive restarts on a dev machine.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { retryOnUniqueViolation } from "../db/unique-race.js";

const KEY = "session_secret";

export async function resolveSessionSecret(options: { db: DbOrTx; configured: string | undefined }): Promise<string> {
  if (options.configured) return options.configured;
  const existing = await options.db.setting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString("base64url");
  // upsert: two processes starting together agree on whichever wrote first.
  const saved = await retryOnUniqueViolation(() =>
    options.db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: {} }),
  );
  return saved.value;
}
