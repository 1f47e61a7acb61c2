// Creates a staff account with a password (the command-line way in; the
// first-admin setup link and colleague invitations are the others).
import type { DbOrTx } from "../db/client.js";
import { recordAudit } from "../audit/record-audit.js";
import { hashPassword } from "../auth/password-hash.js";
import { passwordProblem } from "../auth/password-policy.js";
import type { Role } from "../auth/roles.js";
import { grantCurrentSurvey } from "../auth/survey-access.js";
import { AppError } from "../http/app-error.js";

export async function createUser(options: {
  db: DbOrTx;
  email: string;
  name: string;
  role: Role;
  password: string;
  actorLabel: string;
}) {
  const { db, name, role, password, actorLabel } = options;
  const email = options.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    throw new AppError("bad_request", "Enter an email address like name@agency.gov");
  const problem = passwordProblem(password, { email });
  if (problem) throw new AppError("bad_request", problem);
  if (await db.user.findUnique({ where: { email } }))
    throw new AppError("conflict", `An account for ${email} already exists`);
  const user = await db.user.create({
    data: { email, name, role, passwordHash: await hashPassword(password), canSeeContacts: role !== "researcher" },
  });
  await recordAudit({
    db,
    action: "user.created",
    actorLabel,
    targetType: "user",
    targetId: user.id,
    detail: { email, role },
  });
  // A researcher sees only granted surveys; the current one, so the new account is not empty-handed.
  if (role === "researcher") await grantCurrentSurvey({ db, userId: user.id, actor: { id: null, email: actorLabel } });
  return user;
}
