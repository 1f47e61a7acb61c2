// The demo generator's batch insert for SQLite through a plain better-sqlite3
// connection: prepared single-row INSERTs in one transaction per batch, each
// a few microseconds, where Prisma's raw queries cost about 100 µs per answer
// row here (100,000 responses, 4 million answer rows: minutes instead of
// seconds). It writes the same columns and values as insertDemoBatch, which
// stays the path for PostgreSQL. SQLite has one writer at a time, so the
// caller must not write through Prisma while this connection inserts.
import BetterSqlite3 from "better-sqlite3";
import type { SeedSummary } from "../seed-demo-responses.js";
import { timestamp } from "../../db/timestamp.js";
import { stampOrNull, type DemoBatchInserter } from "./insert-demo-batch.js";

export function sqliteDemoInserter(file: string): { insert: DemoBatchInserter; close(): void } {
  const db = new BetterSqlite3(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // millions of answer rows update two indexes in random order: a large page cache keeps that off the disk
  db.pragma("cache_size = -524288");
  const agency = db.prepare(
    "INSERT INTO agencies (name, state, agency_type, sworn_officers, population_served, do_not_contact, do_not_contact_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 'Synthetic demo agency', ?, ?)",
  );
  const invitation = db.prepare(
    "INSERT INTO invitations (survey_id, agency_id, token_hash, status, invited_at, started_at, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const response = db.prepare(
    "INSERT INTO responses (invitation_id, survey_id, questionnaire_version_id, status, started_at, last_saved_at, submitted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const answer = db.prepare(
    "INSERT INTO answers (response_id, question_code, item_code, value_code, value_number, value_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertAll = db.transaction(
    (surveyId: number, versionId: number, batch: Parameters<DemoBatchInserter>[3], summary: SeedSummary) => {
      const now = timestamp(new Date());
      for (const p of batch) {
        const a = p.agency;
        const agencyId = agency.run(
          a.name,
          a.state,
          a.agencyType,
          a.swornOfficers,
          a.populationServed,
          now,
          now,
        ).lastInsertRowid;
        const r = p.response;
        const invitationId = invitation.run(
          surveyId,
          agencyId,
          p.tokenHash,
          p.invitationStatus,
          stampOrNull(p.invitedAt),
          stampOrNull(r?.startedAt),
          stampOrNull(r?.submittedAt),
          now,
          now,
        ).lastInsertRowid;
        summary.agencies += 1;
        summary.invitations += 1;
        if (!r) continue;
        const responseId = response.run(
          invitationId,
          surveyId,
          versionId,
          r.status,
          timestamp(r.startedAt),
          timestamp(r.lastSavedAt),
          stampOrNull(r.submittedAt),
          now,
          now,
        ).lastInsertRowid;
        for (const row of r.answers)
          answer.run(
            responseId,
            row.questionCode,
            row.itemCode,
            row.valueCode,
            row.valueNumber,
            row.valueText,
            now,
            now,
          );
        summary.responses += 1;
        if (r.status === "submitted") summary.submitted += 1;
        else summary.inProgress += 1;
        summary.answers += r.answers.length;
      }
    },
  );
  return {
    insert: async (_db, surveyId, versionId, batch, summary) => insertAll(surveyId, versionId, batch, summary),
    close: () => db.close(),
  };
}
