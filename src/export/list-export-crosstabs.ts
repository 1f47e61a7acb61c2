// The saved cross-tabs the export page offers as extra sheets, by survey slug.
import type { DbOrTx } from "../db/client.js";

export type ExportCrossTabChoice = { slug: string; name: string };

export async function listExportCrossTabs(options: {
  db: DbOrTx;
  surveySlugs: readonly string[];
}): Promise<Map<string, ExportCrossTabChoice[]>> {
  const rows = await options.db.savedCrossTab.findMany({
    where: { survey: { slug: { in: [...options.surveySlugs] } } },
    orderBy: { id: "desc" },
    select: { slug: true, name: true, survey: { select: { slug: true } } },
  });
  const bySurvey = new Map<string, ExportCrossTabChoice[]>();
  for (const row of rows) {
    const list = bySurvey.get(row.survey.slug) ?? [];
    list.push({ slug: row.slug, name: row.name });
    bySurvey.set(row.survey.slug, list);
  }
  return bySurvey;
}
