// Factories: each test builds the data it needs.
import { hashPassword } from "../../src/auth/password-hash.js";
import type { Role } from "../../src/auth/roles.js";
import type { Db } from "../../src/db/client.js";

let counter = 0;
export const TEST_PASSWORD = "correct horse battery staple";

export async function createUser(
  db: Db,
  options: { role?: Role; email?: string; password?: string; active?: boolean; name?: string } = {},
) {
  counter += 1;
  return db.user.create({
    data: {
      email: options.email ?? `staff${counter}-${process.pid}@example.org`,
      name: options.name ?? `Staff Member ${counter}`,
      role: options.role ?? "coordinator",
      active: options.active ?? true,
      passwordHash: await hashPassword(options.password ?? TEST_PASSWORD),
    },
  });
}

/** Grants a researcher every survey there is (researchers see only granted surveys). */
export async function grantAllSurveys(db: Db, userId: number) {
  for (const survey of await db.survey.findMany({ select: { id: true } }))
    await db.surveyGrant.create({ data: { userId, surveyId: survey.id, role: "researcher" } });
}
