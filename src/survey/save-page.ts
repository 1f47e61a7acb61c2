// Saves one page of answers. The page's stored answers are replaced by the
// submitted ones in one transaction, unless they changed since the page was
// shown (its baseline), in which case nothing is written and the caller shows
// the conflict.
//
// It is the survey's busiest write, so it runs as plain SQL on the write
// connection (see write-connection.ts), not through Prisma: on SQLite the whole
// transaction is one synchronous step that never holds the lock across
// event-loop turns.
import { timestamp } from "../db/timestamp.js";
import { statement, type TransactionBody, type WriteConnection } from "../db/write-connection.js";
import { AppError } from "../http/app-error.js";
import {
  findSection,
  fromAnswerRows,
  toAnswerRows,
  type AnswerMap,
  type AnswerRow,
  type Questionnaire,
} from "../questionnaire/index.js";
import { storedAnswerRowOf, type StoredAnswerRow } from "./read-invitation.js";
import { sectionBaseline } from "./section-baseline.js";

/** A response as a request read it: its revision, its answer rows (with ids), and those as answers. */
export type StoredResponse = { revision: number; rows: readonly StoredAnswerRow[]; answers: AnswerMap };

export type SavePageResult =
  { saved: true; baseline: string; answers: AnswerMap } | { saved: false; current: AnswerMap; baseline: string };

// Claiming the response row first: on PostgreSQL this row lock queues two
// simultaneous saves of one response, so each sees the other's result.
const CLAIM_SQL = `UPDATE responses SET revision = revision + 1, last_section = ?, last_saved_at = ?, updated_at = ?
 WHERE id = ? AND status = 'in_progress'`;
// The same claim, taken only while the revision is still the one the request
// read: then nothing was saved since, and the rows it read are the stored ones.
const CLAIM_UNCHANGED_SQL = `${CLAIM_SQL} AND revision = ?`;

// The rows with their ids, so that only what changed is written.
const ROWS_SQL = `SELECT id, question_code, item_code, value_code, value_number, value_text FROM answers WHERE response_id = ?`;

const ANSWER_COLUMNS =
  "INSERT INTO answers (response_id, question_code, item_code, value_code, value_number, value_text, created_at, updated_at) VALUES ";

export async function savePage(options: {
  write: WriteConnection;
  responseId: number;
  questionnaire: Questionnaire;
  sectionCode: string;
  pageAnswers: AnswerMap;
  baseline: string;
  /**
   * The response as the request read it, moments before: when its revision
   * is still the stored one, its rows are not read again inside the transaction.
   */
  seen?: StoredResponse;
  now?: Date;
}): Promise<SavePageResult> {
  const { write, responseId, questionnaire, sectionCode, pageAnswers, baseline, seen, now = new Date() } = options;
  const section = findSection(questionnaire, sectionCode);
  if (!section) throw new AppError("not_found", "Page not found");
  // Files are saved by their own upload step; a page save never removes them.
  const codes = section.questions.filter((q) => q.type !== "file").map((q) => q.code);
  const rows = Object.entries(pageAnswers).flatMap(([code, value]) => toAnswerRows(code, value));
  const stamp = timestamp(now);

  const claim = [sectionCode, stamp, stamp, responseId];
  /** The claim, then the response's rows as stored now. */
  function* claimAndRead(): TransactionBody<Omit<StoredResponse, "revision">> {
    const claimed = yield statement(CLAIM_SQL, claim);
    if (claimed.changes === 0)
      throw new AppError(
        "conflict",
        "This survey has already been submitted",
        "Its answers can no longer be changed. The survey coordinator can reopen it if something must be corrected.",
      );
    const rows = (yield statement(ROWS_SQL, [responseId])).rows.map(storedAnswerRowOf);
    return { rows, answers: fromAnswerRows(questionnaire, rows) };
  }

  function* save(): TransactionBody<SavePageResult> {
    const unchanged = seen && (yield statement(CLAIM_UNCHANGED_SQL, [...claim, seen.revision])).changes === 1;
    const { rows: stored, answers: current } = seen && unchanged ? seen : yield* claimAndRead();
    const currentBaseline = sectionBaseline(questionnaire, sectionCode, current);
    // Throwing rolls the claim back too: a refused save leaves no trace.
    if (currentBaseline !== baseline) throw new StaleSave(current, currentBaseline);
    // The page's stored rows become exactly `rows`. Autosave sends the page
    // again and again as the agency types, so rows that stay the same are kept
    // as they are and only those that changed are deleted and inserted.
    const onPage = new Set(codes);
    const wanted = new Set(rows.map(rowKey));
    const kept = new Set<string>();
    const gone: unknown[] = [];
    for (const row of stored) {
      if (!onPage.has(row.questionCode)) continue;
      const key = rowKey(row);
      if (wanted.has(key)) kept.add(key);
      else gone.push(row.id);
    }
    const added = rows.filter((r) => !kept.has(rowKey(r)));
    if (gone.length) yield statement(`DELETE FROM answers WHERE id IN (${gone.map(() => "?").join(", ")})`, gone);
    if (added.length)
      yield statement(
        ANSWER_COLUMNS + added.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", "),
        added.flatMap((r) => [
          responseId,
          r.questionCode,
          r.itemCode,
          r.valueCode,
          r.valueNumber,
          r.valueText,
          stamp,
          stamp,
        ]),
      );
    const answers = {
      ...Object.fromEntries(Object.entries(current).filter(([c]) => !codes.includes(c))),
      ...pageAnswers,
    };
    return { saved: true, baseline: sectionBaseline(questionnaire, sectionCode, answers), answers };
  }

  try {
    return await write.transaction(save);
  } catch (error) {
    if (error instanceof StaleSave) return { saved: false, current: error.current, baseline: error.baseline };
    throw error;
  }
}

/** A row's identity and value together: equal keys mean the very same stored row. */
function rowKey(r: AnswerRow): string {
  return JSON.stringify([r.questionCode, r.itemCode, r.valueCode, r.valueNumber, r.valueText]);
}

class StaleSave extends Error {
  constructor(
    readonly current: AnswerMap,
    readonly baseline: string,
  ) {
    super("stale page");
  }
}
