// Which survey a results page is about: the one named in the query, the only
// one there is, or none yet (the page then offers a choice).
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "../survey/questionnaire-versions.js";

export type ResultsSurvey = { id: number; slug: string; title: string; year: number; status: string };

export type SurveyChoice =
  | { chosen: true; survey: ResultsSurvey; questionnaire: Questionnaire; surveys: ResultsSurvey[] }
  | { chosen: false; surveys: ResultsSurvey[] };

const fields = { id: true, slug: true, title: true, year: true, status: true, questionnaireVersionId: true } as const;

export async function findResultsSurvey(options: { db: DbOrTx; slug?: string | undefined }): Promise<SurveyChoice> {
  const { db, slug } = options;
  const rows = await db.survey.findMany({ select: fields, orderBy: [{ year: "desc" }, { id: "desc" }] });
  const surveys = rows.map(({ questionnaireVersionId: _v, ...survey }) => survey);
  const row = slug ? rows.find((s) => s.slug === slug) : rows.length === 1 ? rows[0] : undefined;
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
