// Staff accounts for the admin page, newest first.
import type { DbOrTx } from "../db/client.js";

export async function listUsers(options: { db: DbOrTx }) {
  const users = await options.db.user.findMany({
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      lastLoginAt: true,
      canSeeContacts: true,
      passwordHash: true,
    },
  });
  // Whether a password was ever chosen, never the hash itself, goes to the page.
  return users.map(({ passwordHash, ...user }) => ({ ...user, hasPassword: passwordHash !== null }));
}
