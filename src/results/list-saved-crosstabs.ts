// The cross-tabs saved for a survey, newest first.
import type { DbOrTx } from "../db/client.js";

export async function listSavedCrossTabs(options: { db: DbOrTx; surveyId: number; limit?: number }) {
  const rows = await options.db.savedCrossTab.findMany({
    where: { surveyId: options.surveyId },
    orderBy: { id: "desc" },
    take: options.limit ?? 50,
    select: { slug: true, name: true, createdAt: true, createdBy: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    createdAt: r.createdAt,
    createdBy: r.createdBy ? r.createdBy.name || r.createdBy.email : "",
  }));
}
