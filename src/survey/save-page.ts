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
import { answerRowOf } from "./read-invitation.js";
import { sectionBaseline } from "./section-baseline.js";

export type SavePageResult =
  { saved: true; baseline: string; answers: AnswerMap } | { saved: false; current: AnswerMap; baseline: string };

// Claiming the response row first: on PostgreSQL this row lock queues two
// simultaneous saves of one response, so each sees the other's result.
const CLAIM_SQL = `UPDATE responses SET revision = revision + 1, last_section = ?, last_saved_at = ?, updated_at = ?
 WHERE id = ? AND status = 'in_progress'`;

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
  now?: Date;
}): Promise<SavePageResult> {
  const { write, responseId, questionnaire, sectionCode, pageAnswers, baseline, now = new Date() } = options;
  const section = findSection(questionnaire, sectionCode);
  if (!section) throw new AppError("not_found", "Page not found");
  // Files are saved by their own upload step; a page save never removes them.
  const codes = section.questions.filter((q) => q.type !== "file").map((q) => q.code);
  const rows = Object.entries(pageAnswers).flatMap(([code, value]) => toAnswerRows(code, value));
  const stamp = timestamp(now);

  function* save(): TransactionBody<SavePageResult> {
    const claimed = yield statement(CLAIM_SQL, [sectionCode, stamp, stamp, responseId]);
    if (claimed.changes === 0)
      throw new AppError(
        "conflict",
        "This survey has already been submitted",
        "Its answers can no longer be changed. The survey coordinator can reopen it if something must be corrected.",
      );
    const stored = (yield statement(ROWS_SQL, [responseId])).rows.map((r) => ({ id: r.id, row: answerRowOf(r) }));
    const current = fromAnswerRows(
      questionnaire,
      stored.map((s) => s.row),
    );
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
    for (const { id, row } of stored) {
      if (!onPage.has(row.questionCode)) continue;
      const key = rowKey(row);
      if (wanted.has(key)) kept.add(key);
      else gone.push(id);
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
