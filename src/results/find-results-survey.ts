// Which survey a results page is about: the one named in the query, the only
// one the viewer may see, or none yet (the page then offers a choice).
// Researchers see only the surveys they were granted (src/auth/survey-access.ts).
import { keepVisibleSurveys, noAccess, type SurveyViewer } from "../auth/survey-access.js";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "../survey/questionnaire-versions.js";

export type ResultsSurvey = { id: number; slug: string; title: string; year: number; status: string };

export type SurveyChoice =
  | { chosen: true; survey: ResultsSurvey; questionnaire: Questionnaire; surveys: ResultsSurvey[] }
  | { chosen: false; surveys: ResultsSurvey[] };

const fields = { id: true, slug: true, title: true, year: true, status: true, questionnaireVersionId: true } as const;

export async function findResultsSurvey(options: {
  db: DbOrTx;
  viewer: SurveyViewer;
  slug?: string | undefined;
}): Promise<SurveyChoice> {
  const { db, viewer, slug } = options;
  const all = await db.survey.findMany({ select: fields, orderBy: [{ year: "desc" }, { id: "desc" }] });
  const rows = await keepVisibleSurveys({ db, viewer, surveys: all });
  if (all.length > 0 && rows.length === 0) throw noAccess();
  const surveys = rows.map(({ questionnaireVersionId: _v, ...survey }) => survey);
  const row = slug ? rows.find((s) => s.slug === slug) : rows.length === 1 ? rows[0] : undefined;
  if (slug && !row && all.some((s) => s.slug === slug)) throw noAccess();
  if (slug && !row) {
    throw new AppError(
      "bad_request",
      "Unknown survey",
      `There is no survey called "${slug.slice(0, 80)}". Choose one from the list of surveys.`,
    );
  }
  if (!row) return { chosen: false, surveys };
  const { questionnaireVersionId, ...survey } = row;
  return { chosen: true, survey, questionnaire: await questionnaireOfVersion(db, questionnaireVersionId), surveys };
}
