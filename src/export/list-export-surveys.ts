// The surveys a researcher may export, newest first, for the export page's form.
import type { DbOrTx } from "../db/client.js";

export async function listExportSurveys(options: { db: DbOrTx }) {
  const surveys = await options.db.survey.findMany({
    orderBy: [{ year: "desc" }, { id: "desc" }],
    select: { slug: true, title: true, year: true, _count: { select: { responses: true } } },
  });
  return surveys.map((s) => ({ slug: s.slug, title: s.title, year: s.year, responses: s._count.responses }));
}
