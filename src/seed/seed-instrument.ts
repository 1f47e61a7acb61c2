// Every start makes sure the shipped instrument is stored as a questionnaire
// version and that the 2016 survey exists (open, bound to that version).
import type { DbOrTx } from "../db/client.js";
import { retryOnUniqueViolation } from "../db/unique-race.js";
import { lesm2016 } from "../questionnaire/index.js";
import { saveQuestionnaireVersion } from "../survey/questionnaire-versions.js";

export const DEFAULT_SURVEY_SLUG = "lesm-2016";

export async function seedInstrument(db: DbOrTx) {
  const version = await saveQuestionnaireVersion(db, lesm2016);
  const survey = await retryOnUniqueViolation(() =>
    db.survey.upsert({
      where: { slug: DEFAULT_SURVEY_SLUG },
      create: {
        slug: DEFAULT_SURVEY_SLUG,
        title: lesm2016.title,
        year: 2016,
        sponsor: lesm2016.sponsor,
        status: "open",
        questionnaireVersionId: version.id,
      },
      // A survey already answered keeps its version; responses are bound to the version they answered.
      update: {},
    }),
  );
  return { survey, version };
}
