// The SQL behind the frequencies: one pass over the responses counts every
// question's "was asked" base at once; then, per set of questions sharing a
// skip condition, a GROUP BY over the answers of the responses asked (and,
// for a rowsFrom grid, the base of each row from its source question). Answers are
// matched to responses with `response_id IN (subquery)`, the shape that lets a
// covering index on (question_code, item_code, value_code, response_id) do
// all the work (see the README's note on indexes).
import type { DbOrTx } from "../db/client.js";
import type { Question, Questionnaire } from "../questionnaire/index.js";
import { filterSql, needsAgency, type ResultFilters } from "./filters.js";
import { allOf, join, raw, sql, sqlOf, toNumber, toNumberOrNull, type Predicate, type Sql } from "./sql.js";
import { VisibilitySql } from "./visibility-sql.js";

export type Scalar = { answered: number; mean: number | null; min: number | null; max: number | null };

export type AnswerCounts = {
  responses: number;
  /** responses asked each question (by code) and each rowsFrom grid row ("CODE.ROW") */
  askedQuestion: Map<string, number>;
  askedRow: Map<string, number>;
  /** "question\0item\0value" -> count */
  codes: Map<string, number>;
  /** multiple, number, text and file questions: responses answering, and number summaries */
  scalars: Map<string, Scalar>;
};

export const countKey = (question: string, item: string, value: string) => `${question}\u0000${item}\u0000${value}`;

export async function countAnswers(options: {
  db: DbOrTx;
  surveyId: number;
  questionnaire: Questionnaire;
  filters: ResultFilters;
}): Promise<AnswerCounts> {
  const { db, surveyId, questionnaire, filters } = options;
  const visibility = new VisibilitySql(questionnaire);
  const from = needsAgency(filters)
    ? sql`responses r JOIN invitations i ON i.id = r.invitation_id JOIN agencies g ON g.id = i.agency_id`
    : sql`responses r`;
  const where = filterSql(surveyId, filters);
  const questions: Question[] = questionnaire.sections.flatMap((s) => s.questions);

  // Every distinct "was asked" predicate, counted in one pass.
  const predicates = new Map<string, Predicate>();
  const remember = (p: Predicate) => {
    const key = p === "true" ? "true" : p.key;
    predicates.set(key, p);
    return key;
  };
  const questionKey = new Map<string, string>();
  for (const q of questions) questionKey.set(q.code, remember(visibility.shown(q.code)));
  const keys = [...predicates.keys()];
  const columns = keys.map(
    (key, i) => sql`COUNT(CASE WHEN ${sqlOf(predicates.get(key)!)} THEN 1 END) AS ${raw(`b${i}`)}`,
  );
  const [base] = await db.$queryRaw<Record<string, unknown>[]>(
    sql`SELECT COUNT(*) AS n, ${join(columns, ", ")} FROM ${from} WHERE ${where}`,
  );
  const askedBy = new Map(keys.map((key, i) => [key, toNumber(base?.[`b${i}`])]));
  const counts: AnswerCounts = {
    responses: toNumber(base?.n),
    askedQuestion: new Map([...questionKey].map(([code, key]) => [code, askedBy.get(key) ?? 0])),
    askedRow: new Map(),
    codes: new Map(),
    scalars: new Map(),
  };

  // One group per skip condition; a rowsFrom grid apart, as each of its rows has its own.
  const groups = new Map<string, Question[]>();
  for (const q of questions) {
    const key = q.type === "grid" && q.rowsFrom !== undefined ? `rows:${q.code}` : questionKey.get(q.code)!;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const rowsFrom = first.type === "grid" ? first.rowsFrom : undefined;
    const shown =
      rowsFrom === undefined
        ? visibility.shown(first.code)
        : allOf([visibility.shown(first.code), visibility.shown(rowsFrom)]);
    const asked = sql`a.response_id IN (SELECT r.id FROM ${from} WHERE ${where} AND ${sqlOf(shown)})`;
    const ofType = (...types: Question["type"][]) => group.filter((q) => types.includes(q.type)).map((q) => q.code);
    await countCodes(db, counts, ofType("single", "multiple", "grid"), asked, rowsFrom);
    if (rowsFrom !== undefined) await countRowBases(db, counts, first.code, rowsFrom, asked);
    await countAnswered(db, counts, ofType("multiple"), asked);
    await summarise(db, counts, ofType("integer", "decimal", "text", "longtext", "file"), asked);
  }
  return counts;
}

async function countCodes(db: DbOrTx, counts: AnswerCounts, codes: string[], asked: Sql, rowsFrom: string | undefined) {
  if (!codes.length) return;
  // a rowsFrom grid row counts only where its option was chosen in the source question
  const chosenRow =
    rowsFrom === undefined
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM answers s WHERE s.response_id = a.response_id AND s.question_code = ${rowsFrom} AND s.item_code = a.item_code)`;
  const rows = await db.$queryRaw<{ q: string; item: string; value: string; n: unknown }[]>(sql`
    SELECT a.question_code AS q, a.item_code AS item, a.value_code AS value, COUNT(*) AS n
    FROM answers a
    WHERE a.question_code IN (${join(codes)}) AND a.value_code IS NOT NULL AND ${asked} ${chosenRow}
    GROUP BY a.question_code, a.item_code, a.value_code`);
  for (const r of rows) counts.codes.set(countKey(r.q, r.item, r.value), toNumber(r.n));
}

/** A rowsFrom row is asked of those asked the grid who chose the row's option in the source question. */
async function countRowBases(db: DbOrTx, counts: AnswerCounts, grid: string, source: string, asked: Sql) {
  const rows = await db.$queryRaw<{ item: string; n: unknown }[]>(sql`
    SELECT a.item_code AS item, COUNT(*) AS n
    FROM answers a
    WHERE a.question_code = ${source} AND ${asked}
    GROUP BY a.item_code`);
  for (const r of rows) counts.askedRow.set(`${grid}.${r.item}`, toNumber(r.n));
}

async function countAnswered(db: DbOrTx, counts: AnswerCounts, codes: string[], asked: Sql) {
  if (!codes.length) return;
  const rows = await db.$queryRaw<{ q: string; answered: unknown }[]>(sql`
    SELECT a.question_code AS q, COUNT(DISTINCT a.response_id) AS answered
    FROM answers a
    WHERE a.question_code IN (${join(codes)}) AND SUBSTR(a.item_code, 1, 2) <> '__' AND ${asked}
    GROUP BY a.question_code`);
  for (const r of rows) counts.scalars.set(r.q, { answered: toNumber(r.answered), mean: null, min: null, max: null });
}

async function summarise(db: DbOrTx, counts: AnswerCounts, codes: string[], asked: Sql) {
  if (!codes.length) return;
  const rows = await db.$queryRaw<{ q: string; answered: unknown; mean: unknown; min: unknown; max: unknown }[]>(sql`
    SELECT a.question_code AS q, COUNT(*) AS answered, AVG(a.value_number) AS mean, MIN(a.value_number) AS min, MAX(a.value_number) AS max
    FROM answers a
    WHERE a.question_code IN (${join(codes)}) AND a.item_code = '' AND ${asked}
    GROUP BY a.question_code`);
  for (const r of rows) {
    counts.scalars.set(r.q, {
      answered: toNumber(r.answered),
      mean: toNumberOrNull(r.mean),
      min: toNumberOrNull(r.min),
      max: toNumberOrNull(r.max),
    });
  }
}
