// Which saved cross-tabs become sheets of a workbook: the ones ticked on the
// export page, checked before the download starts, so that a wrong choice is
// an error beside the checkboxes rather than a workbook without the sheet.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { parseCrossTabDefinition } from "../results/crosstab-definition.js";
import type { ExportCrossTab } from "./crosstab-sheet.js";

/** Each cross-tab is one GROUP BY over the survey's responses; beyond this the download would wait too long. */
export const MAX_EXPORT_CROSSTABS = 20;
const SLUG = /^[A-Za-z0-9_-]{1,64}$/;

export type CrossTabChoice = { ok: true; crossTabs: ExportCrossTab[] } | { ok: false; chosen: string[]; error: string };

/** The `crosstab` query values: none, one, or repeated; anything else is a malformed request. */
export function crossTabSlugsOf(query: Record<string, unknown>): string[] {
  const value = query.crosstab;
  if (value === undefined || value === "") return [];
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!list.every((v): v is string => typeof v === "string"))
    throw new AppError("bad_request", "Malformed cross-tab choice", "Tick the cross-tabs on the export page.");
  return [...new Set(list.filter((v) => v !== ""))];
}

export async function chooseExportCrossTabs(options: {
  db: DbOrTx;
  survey: { id: number; title: string };
  slugs: readonly string[];
}): Promise<CrossTabChoice> {
  const { db, survey, slugs } = options;
  const chosen = [...slugs];
  if (slugs.length === 0) return { ok: true, crossTabs: [] };
  if (slugs.length > MAX_EXPORT_CROSSTABS)
    return { ok: false, chosen, error: `Choose at most ${MAX_EXPORT_CROSSTABS} cross-tabs for one workbook.` };
  const wellFormed = slugs.filter((s) => SLUG.test(s));
  const rows = await db.savedCrossTab.findMany({
    where: { slug: { in: wellFormed } },
    select: { slug: true, name: true, surveyId: true, definition: true },
  });
  const found = new Map(rows.map((r) => [r.slug, r]));
  const unknown = slugs.filter((s) => !found.has(s));
  if (unknown.length > 0)
    return {
      ok: false,
      chosen,
      error: `${unknown.length === 1 ? "This saved cross-tab does" : "These saved cross-tabs do"} not exist: ${unknown.map((s) => s.slice(0, 64)).join(", ")}. Tick cross-tabs from the list.`,
    };
  const elsewhere = rows.filter((r) => r.surveyId !== survey.id);
  if (elsewhere.length > 0)
    return {
      ok: false,
      chosen,
      error: `${elsewhere.map((r) => `"${r.name}"`).join(", ")} ${elsewhere.length === 1 ? "belongs" : "belong"} to another survey than ${survey.title}. Tick only cross-tabs of the survey you export.`,
    };
  return {
    ok: true,
    crossTabs: slugs.map((slug) => {
      const row = found.get(slug)!;
      return {
        slug,
        name: row.name,
        definition: parseCrossTabDefinition(JSON.parse(row.definition) as Record<string, unknown>),
      };
    }),
  };
}
