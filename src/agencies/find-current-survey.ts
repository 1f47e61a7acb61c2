// The survey whose invitations the agencies pages show: the latest open one,
// else the latest of any status (a draft being prepared, or the last one closed).
import type { DbOrTx } from "../db/client.js";

export async function findCurrentSurvey(options: { db: DbOrTx }) {
  const orderBy = [{ year: "desc" as const }, { id: "desc" as const }];
  const select = { id: true, title: true, year: true, status: true };
  return (
    (await options.db.survey.findFirst({ where: { status: "open" }, orderBy, select })) ??
    (await options.db.survey.findFirst({ orderBy, select }))
  );
}
