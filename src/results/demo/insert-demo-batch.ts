// Writes one batch of synthetic agencies, invitations, responses and answers
// in one transaction, with raw multi-row INSERTs: Prisma's createMany costs
// about a third of a millisecond per row here, too slow for millions of
// answer rows. The SQL is plain enough for both providers, and the seeding
// test runs on both.
import { timestamp } from "../../db/timestamp.js";
import type { Db, DbOrTx } from "../../db/client.js";
import type { AnswerRow } from "../../questionnaire/index.js";
import type { SeedSummary } from "../seed-demo-responses.js";
import { join, sql, type Sql } from "../sql.js";
import type { SyntheticAgency } from "./synthetic-agency.js";

export type PlannedInvitation = {
  agency: SyntheticAgency;
  tokenHash: string;
  invitationStatus: string;
  invitedAt: Date | null;
  response?: {
    status: "submitted" | "in_progress";
    startedAt: Date;
    lastSavedAt: Date;
    submittedAt: Date | null;
    answers: AnswerRow[];
  };
};

export type DemoBatchInserter = (
  db: Db,
  surveyId: number,
  questionnaireVersionId: number,
  batch: PlannedInvitation[],
  summary: SeedSummary,
) => Promise<void>;

/** SQLite allows 32,766 parameters in a statement; 9 columns x 2,000 rows stays well inside. */
const ROWS_PER_STATEMENT = 2000;

export const insertDemoBatch: DemoBatchInserter = async (db, surveyId, questionnaireVersionId, batch, summary) => {
  const now = timestamp(new Date());
  await db.$transaction(
    async (tx) => {
      const agencies = await insertReturning<{ id: number; name: string }>(
        tx,
        sql`INSERT INTO agencies (name, state, agency_type, sworn_officers, population_served, do_not_contact, do_not_contact_reason, created_at, updated_at) VALUES`,
        batch.map(
          ({ agency: a }) =>
            sql`(${a.name}, ${a.state}, ${a.agencyType}, ${a.swornOfficers}, ${a.populationServed}, TRUE, 'Synthetic demo agency', ${now}, ${now})`,
        ),
        sql`RETURNING id, name`,
      );
      // names carry a serial number, so they identify the rows within the batch
      const agencyIds = new Map(agencies.map((a) => [a.name, Number(a.id)]));
      const invitations = await insertReturning<{ id: number; token_hash: string }>(
        tx,
        sql`INSERT INTO invitations (survey_id, agency_id, token_hash, status, invited_at, started_at, submitted_at, created_at, updated_at) VALUES`,
        batch.map(
          (p) =>
            sql`(${surveyId}, ${agencyIds.get(p.agency.name)!}, ${p.tokenHash}, ${p.invitationStatus}, ${stampOrNull(p.invitedAt)}, ${stampOrNull(p.response?.startedAt)}, ${stampOrNull(p.response?.submittedAt)}, ${now}, ${now})`,
        ),
        sql`RETURNING id, token_hash`,
      );
      const invitationIds = new Map(invitations.map((i) => [i.token_hash, Number(i.id)]));
      const responding = batch.filter((p) => p.response);
      const responses = await insertReturning<{ id: number; invitation_id: number }>(
        tx,
        sql`INSERT INTO responses (invitation_id, survey_id, questionnaire_version_id, status, started_at, last_saved_at, submitted_at, created_at, updated_at) VALUES`,
        responding.map((p) => {
          const r = p.response!;
          return sql`(${invitationIds.get(p.tokenHash)!}, ${surveyId}, ${questionnaireVersionId}, ${r.status}, ${timestamp(r.startedAt)}, ${timestamp(r.lastSavedAt)}, ${stampOrNull(r.submittedAt)}, ${now}, ${now})`;
        }),
        sql`RETURNING id, invitation_id`,
      );
      const responseIds = new Map(responses.map((r) => [Number(r.invitation_id), Number(r.id)]));
      const answers = responding.flatMap((p) => {
        const responseId = responseIds.get(invitationIds.get(p.tokenHash)!)!;
        return p.response!.answers.map(
          (a) =>
            sql`(${responseId}, ${a.questionCode}, ${a.itemCode}, ${a.valueCode}, ${a.valueNumber}, ${a.valueText}, ${now}, ${now})`,
        );
      });
      for (const chunk of chunks(answers, ROWS_PER_STATEMENT)) {
        await tx.$executeRaw(
          sql`INSERT INTO answers (response_id, question_code, item_code, value_code, value_number, value_text, created_at, updated_at) VALUES ${join(chunk)}`,
        );
      }
      summary.agencies += agencies.length;
      summary.invitations += invitations.length;
      summary.responses += responses.length;
      summary.submitted += responding.filter((p) => p.response!.status === "submitted").length;
      summary.inProgress += responding.filter((p) => p.response!.status === "in_progress").length;
      summary.answers += answers.length;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
};

async function insertReturning<T>(tx: DbOrTx, head: Sql, rows: Sql[], tail: Sql): Promise<T[]> {
  const out: T[] = [];
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    out.push(...(await tx.$queryRaw<T[]>(sql`${head} ${join(chunk)} ${tail}`)));
  }
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function stampOrNull(date: Date | null | undefined): string | null {
  return date ? timestamp(date) : null;
}
