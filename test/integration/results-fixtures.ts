// A small hand-made survey for the results tests: a few agencies and
// responses written through Prisma, so every figure can be checked by hand.
import type { Db } from "../../src/db/client.js";
import { lesm2016, toAnswerRows, type AnswerValue } from "../../src/questionnaire/index.js";
import { saveQuestionnaireVersion } from "../../src/survey/questionnaire-versions.js";

let serial = 0;

export async function createResultsSurvey(db: Db, slug = "results-test") {
  const version = await saveQuestionnaireVersion(db, lesm2016);
  return db.survey.create({
    data: { slug, title: `Results test ${slug}`, year: 2016, status: "open", questionnaireVersionId: version.id },
  });
}

export async function addResponse(
  db: Db,
  survey: { id: number; questionnaireVersionId: number },
  agency: { state: string; agencyType: string; swornOfficers: number | null },
  status: "submitted" | "in_progress" | null,
  answers: Record<string, AnswerValue> = {},
) {
  serial += 1;
  const created = await db.agency.create({ data: { name: `Test agency ${serial}`, ...agency } });
  const invitation = await db.invitation.create({
    data: {
      surveyId: survey.id,
      agencyId: created.id,
      tokenHash: `hash-${serial}-${Math.random()}`,
      status: status === null ? "invited" : status === "submitted" ? "submitted" : "started",
    },
  });
  if (status === null) return undefined;
  const response = await db.response.create({
    data: {
      invitationId: invitation.id,
      surveyId: survey.id,
      questionnaireVersionId: survey.questionnaireVersionId,
      status,
    },
  });
  const rows = Object.entries(answers).flatMap(([code, value]) => toAnswerRows(code, value));
  if (rows.length) await db.answer.createMany({ data: rows.map((r) => ({ ...r, responseId: response.id })) });
  return response;
}

const single = (code: string): AnswerValue => ({ type: "single", code });
const multiple = (...codes: string[]): AnswerValue => ({ type: "multiple", codes });
const grid = (rows: Record<string, string>): AnswerValue => ({ type: "grid", rows });

/**
 * Four submitted responses, one in progress, one invitation without a response:
 *   A1 TX municipal,  5 officers: user, Facebook+Twitter, policy YES, needs TRAINING
 *   A2 NY municipal, 120 officers: user, Facebook, policy NO, needs TRAINING+RESEARCH
 *   A3 CA sheriff,   300 officers: user, Twitter, policy YES
 *   A4 TX sheriff,    40 officers: non-user (with a stale policy answer that must not count)
 *   A5 IL municipal,   8 officers: in progress, user, Facebook, nothing more
 */
export async function seedHandMadeResults(db: Db) {
  const survey = await createResultsSurvey(db);
  await addResponse(db, survey, { state: "TX", agencyType: "MUNICIPAL", swornOfficers: 5 }, "submitted", {
    USES_SOCIAL_MEDIA: single("YES"),
    PLATFORMS: multiple("FACEBOOK", "TWITTER"),
    POSTING_FREQUENCY: grid({ FACEBOOK: "DAILY", TWITTER: "WEEKLY" }),
    WRITTEN_POLICY: single("YES"),
    NEEDS: multiple("TRAINING"),
  });
  await addResponse(db, survey, { state: "NY", agencyType: "MUNICIPAL", swornOfficers: 120 }, "submitted", {
    USES_SOCIAL_MEDIA: single("YES"),
    PLATFORMS: multiple("FACEBOOK"),
    POSTING_FREQUENCY: grid({ FACEBOOK: "DAILY", TWITTER: "MONTHLY" }),
    WRITTEN_POLICY: single("NO"),
    NEEDS: multiple("TRAINING", "RESEARCH"),
  });
  await addResponse(db, survey, { state: "CA", agencyType: "SHERIFF", swornOfficers: 300 }, "submitted", {
    USES_SOCIAL_MEDIA: single("YES"),
    PLATFORMS: multiple("TWITTER"),
    POSTING_FREQUENCY: grid({ TWITTER: "DAILY" }),
    WRITTEN_POLICY: single("YES"),
  });
  await addResponse(db, survey, { state: "TX", agencyType: "SHERIFF", swornOfficers: 40 }, "submitted", {
    USES_SOCIAL_MEDIA: single("NO"),
    NONUSER_REASONS: multiple("COST"),
    WRITTEN_POLICY: single("YES"),
  });
  await addResponse(db, survey, { state: "IL", agencyType: "MUNICIPAL", swornOfficers: 8 }, "in_progress", {
    USES_SOCIAL_MEDIA: single("YES"),
    PLATFORMS: multiple("FACEBOOK"),
  });
  await addResponse(db, survey, { state: "OH", agencyType: "MUNICIPAL", swornOfficers: 30 }, null);
  return survey;
}
