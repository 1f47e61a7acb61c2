// The export page's view model: the surveys, each survey's saved cross-tabs as
// checkboxes, and what the researcher chose, kept when a choice is refused.
import type { SurveyViewer } from "../auth/survey-access.js";
import type { DbOrTx } from "../db/client.js";
import { listExportCrossTabs } from "./list-export-crosstabs.js";
import { listExportSurveys } from "./list-export-surveys.js";

export async function presentExportPage(options: {
  db: DbOrTx;
  viewer: SurveyViewer;
  chosen?: { survey?: string | undefined; status: string; crossTabs: readonly string[]; error: string };
}) {
  const { db, viewer, chosen } = options;
  const surveys = await listExportSurveys({ db, viewer });
  const crossTabs = await listExportCrossTabs({ db, surveySlugs: surveys.map((s) => s.slug) });
  const ticked = new Set(chosen?.crossTabs ?? []);
  const groups = surveys.flatMap((survey) => {
    const list = crossTabs.get(survey.slug) ?? [];
    if (list.length === 0) return [];
    return [
      {
        survey: survey.title,
        year: survey.year,
        crossTabs: list.map((c, i) => ({
          ...c,
          id: `export-crosstab-${survey.slug}-${i}`,
          checked: ticked.has(c.slug),
        })),
      },
    ];
  });
  return {
    pageTitle: chosen ? "Error: Export the data" : "Export the data",
    surveys: surveys.map((s) => ({ ...s, selected: s.slug === chosen?.survey })),
    statusAll: chosen?.status === "all",
    crossTabGroups: groups,
    showCrossTabs: groups.length > 0 || chosen !== undefined,
    ...(chosen && {
      crossTabError: chosen.error,
      errorList: [{ field: "export-crosstabs", message: chosen.error }],
    }),
  };
}
