// Staff accounts for the admin page, newest first.
import type { DbOrTx } from "../db/client.js";

export async function listUsers(options: { db: DbOrTx }) {
  return options.db.user.findMany({
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
    select: { id: true, name: true, email: true, role: true, active: true, lastLoginAt: true, canSeeContacts: true },
  });
}
