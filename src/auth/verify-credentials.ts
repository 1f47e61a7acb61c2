// Checks an email and password. Unknown emails cost the same argon2 work as
// known ones, so response times do not reveal which accounts exist.
import type { DbOrTx } from "../db/client.js";
import { hashPassword, verifyPassword } from "./password-hash.js";
import { isRole, type SignedInUser } from "./roles.js";

let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(options: {
  db: DbOrTx;
  email: string;
  password: string;
}): Promise<SignedInUser | null> {
  const email = options.email.trim().toLowerCase();
  const user = email.length <= 254 ? await options.db.user.findUnique({ where: { email } }) : null;
  if (!user || !user.passwordHash || !user.active || !isRole(user.role)) {
    dummyHash ??= hashPassword("not a real password, only spends time");
    await verifyPassword(await dummyHash, options.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, options.password))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, canSeeContacts: user.canSeeContacts };
}

/** The signed-in user for a session's stored id, or null if deactivated or gone. */
export async function loadSignedInUser(options: { db: DbOrTx; userId: number }): Promise<SignedInUser | null> {
  const user = await options.db.user.findUnique({ where: { id: options.userId } });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, canSeeContacts: user.canSeeContacts };
}
