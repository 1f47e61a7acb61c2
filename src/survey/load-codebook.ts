// The codebook of a survey's questionnaire version, derived from its definition.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { buildCodebook } from "../questionnaire/index.js";
import { questionnaireOfVersion } from "./questionnaire-versions.js";

export async function loadCodebook(options: { db: DbOrTx; surveySlug?: string }) {
  const { db, surveySlug } = options;
  const survey = surveySlug
    ? await db.survey.findUnique({ where: { slug: surveySlug }, include: { questionnaireVersion: true } })
    : await db.survey.findFirst({ orderBy: { year: "desc" }, include: { questionnaireVersion: true } });
  if (!survey) throw new AppError("not_found", "No such survey");
  const questionnaire = await questionnaireOfVersion(db, survey.questionnaireVersionId);
  const version = survey.questionnaireVersion;
  return {
    survey: { slug: survey.slug, title: survey.title, year: survey.year },
    questionnaire: {
      code: questionnaire.code,
      title: questionnaire.title,
      versionLabel: questionnaire.versionLabel,
      versionHash: version.versionHash,
      reconstructionNote: questionnaire.reconstructionNote,
    },
    variables: buildCodebook(questionnaire, version.versionHash),
  };
}
