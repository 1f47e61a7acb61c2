// The surveys a researcher may export, newest first, for the export page's
// form; and which one a download is about (named, or the newest they may see).
// Researchers see only the surveys they were granted (src/auth/survey-access.ts).
import { keepVisibleSurveys, noAccess, type SurveyViewer } from "../auth/survey-access.js";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";

export async function listExportSurveys(options: { db: DbOrTx; viewer: SurveyViewer }) {
  const all = await options.db.survey.findMany({
    orderBy: [{ year: "desc" }, { id: "desc" }],
    select: { id: true, slug: true, title: true, year: true, _count: { select: { responses: true } } },
  });
  const surveys = await keepVisibleSurveys({ db: options.db, viewer: options.viewer, surveys: all });
  if (all.length > 0 && surveys.length === 0) throw noAccess();
  return surveys.map((s) => ({ slug: s.slug, title: s.title, year: s.year, responses: s._count.responses }));
}

/** The slug of the survey a download is about; a 403 page for a survey the viewer was not granted. */
export async function chooseExportSurvey(options: {
  db: DbOrTx;
  viewer: SurveyViewer;
  slug: string | undefined;
}): Promise<string> {
  const { db, viewer, slug } = options;
  const all = await db.survey.findMany({
    orderBy: [{ year: "desc" }, { id: "desc" }],
    select: { id: true, slug: true },
  });
  const visible = await keepVisibleSurveys({ db, viewer, surveys: all });
  const chosen = slug ? visible.find((s) => s.slug === slug) : visible[0];
  if (chosen) return chosen.slug;
  if (slug ? all.some((s) => s.slug === slug) : all.length > 0) throw noAccess();
  throw new AppError("not_found", "No such survey", "Choose a survey from the export page.");
}
