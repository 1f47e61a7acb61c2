// Fills a survey with synthetic agencies, invitations and responses for
// demonstrations and benchmarks: mostly submitted, some in progress, and some
// invitations never answered. Everything is made from a seed, so the same
// command makes the same data set; rows are written a batch per transaction.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { lesm2016, toAnswerRows, type Questionnaire } from "../questionnaire/index.js";
import { questionnaireOfVersion, saveQuestionnaireVersion } from "../survey/questionnaire-versions.js";
import { createRandom, type Random } from "./demo/random.js";
import { syntheticAgency } from "./demo/synthetic-agency.js";
import { syntheticAnswers } from "./demo/synthetic-answers.js";
import { insertDemoBatch, type DemoBatchInserter, type PlannedInvitation } from "./demo/insert-demo-batch.js";

export type SeedSummary = {
  survey: { id: number; slug: string; created: boolean };
  agencies: number;
  invitations: number;
  responses: number;
  submitted: number;
  inProgress: number;
  answers: number;
  milliseconds: number;
};

export const DEMO_SURVEY_SLUG = "demo-2016";

const FIELD_START = Date.UTC(2016, 8, 1);
const FIELD_DAYS = 90;
const HOUR = 3_600_000;

export async function seedDemoResponses(options: {
  db: Db;
  responses: number;
  surveySlug?: string;
  seed?: number;
  /** responses per transaction */
  batchSize?: number;
  /** share of responses that are submitted; the rest are in progress */
  submittedShare?: number;
  /** invitations without a response, per response */
  nonResponders?: number;
  onProgress?: (done: number, total: number) => void;
  /** how a batch is written: through Prisma by default; sqliteDemoInserter is much faster on SQLite */
  insertBatch?: DemoBatchInserter;
}): Promise<SeedSummary> {
  const { db, responses, surveySlug = DEMO_SURVEY_SLUG, seed = 2016, batchSize = 1000 } = options;
  const { submittedShare = 0.9, nonResponders = 0.3, onProgress, insertBatch = insertDemoBatch } = options;
  const started = performance.now();
  const { survey, created, questionnaire } = await ensureSurvey(db, surveySlug);
  const random = createRandom(seed);
  const serialBase = (await db.agency.count()) + 1;
  const totalInvitations = responses + Math.round(responses * nonResponders);
  const summary: SeedSummary = {
    survey: { id: survey.id, slug: survey.slug, created },
    agencies: 0,
    invitations: 0,
    responses: 0,
    submitted: 0,
    inProgress: 0,
    answers: 0,
    milliseconds: 0,
  };
  for (let done = 0; done < totalInvitations; done += batchSize) {
    const size = Math.min(batchSize, totalInvitations - done);
    // responders first, then the invitations nobody answered
    const responding = Math.max(0, Math.min(size, responses - done));
    const batch = makeBatch(questionnaire, random, serialBase + done, size, responding, submittedShare);
    await insertBatch(db, survey.id, survey.questionnaireVersionId, batch, summary);
    onProgress?.(Math.min(done + size, totalInvitations), totalInvitations);
  }
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}

async function ensureSurvey(db: Db, slug: string) {
  const existing = await db.survey.findUnique({ where: { slug } });
  if (existing) {
    return {
      survey: existing,
      created: false,
      questionnaire: await questionnaireOfVersion(db, existing.questionnaireVersionId),
    };
  }
  const version = await saveQuestionnaireVersion(db, lesm2016);
  const survey = await db.survey.create({
    data: {
      slug,
      title: "Demo: 2016 Law Enforcement Use of Social Media Survey (synthetic data)",
      year: 2016,
      sponsor: lesm2016.sponsor,
      status: "closed",
      questionnaireVersionId: version.id,
    },
  });
  return { survey, created: true, questionnaire: lesm2016 };
}

function makeBatch(
  questionnaire: Questionnaire,
  random: Random,
  serial: number,
  size: number,
  responding: number,
  submittedShare: number,
): PlannedInvitation[] {
  return Array.from({ length: size }, (_, k): PlannedInvitation => {
    const agency = syntheticAgency(random, serial + k);
    const invitedAt = new Date(FIELD_START + random.int(0, 7) * 24 * HOUR);
    const tokenHash = randomBytes(32).toString("hex");
    if (k >= responding) {
      const status = ["invited", "opened", "opted_out", "failed", "not_invited"][random.weighted([60, 25, 5, 3, 7])]!;
      return { agency, tokenHash, invitationStatus: status, invitedAt: status === "not_invited" ? null : invitedAt };
    }
    const submitted = random.chance(submittedShare);
    const sections = submitted ? undefined : random.int(0, questionnaire.sections.length - 1);
    const answers = syntheticAnswers(questionnaire, agency, random, sections === undefined ? {} : { sections });
    const startedAt = new Date(invitedAt.getTime() + random.int(1, 24 * (FIELD_DAYS - 10)) * HOUR);
    const lastSavedAt = new Date(startedAt.getTime() + random.int(0, 48) * HOUR);
    return {
      agency,
      tokenHash,
      invitationStatus: submitted ? "submitted" : "started",
      invitedAt,
      response: {
        status: submitted ? "submitted" : "in_progress",
        startedAt,
        lastSavedAt,
        submittedAt: submitted ? lastSavedAt : null,
        answers: Object.entries(answers).flatMap(([code, value]) => toAnswerRows(code, value)),
      },
    };
  });
}
