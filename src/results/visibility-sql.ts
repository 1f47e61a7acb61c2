// Skip logic as SQL: whether a question (or a grid row) was shown to a
// response, as a predicate over the Answer table, so bases and counts are
// computed by the database. It mirrors skip-logic.ts: a condition looks at an
// earlier question's answer only if that question was itself shown (what
// relevantAnswers keeps), so stale answers of in-progress responses, left
// behind when an agency changed its screener, never count.
import {
  findQuestion,
  questionIndex,
  type Condition,
  type GridQuestion,
  type Question,
  type Questionnaire,
} from "../questionnaire/index.js";
import { allOf, anyOf, join, not, predicate, raw, sql, type Predicate, type Sql } from "./sql.js";

/** The responses table is always aliased r. */
export const RESPONSE_ID = raw("r.id");

/**
 * How "the response has such an answer row" is written:
 * - "correlated": EXISTS (... x.response_id = r.id ...), one index seek per
 *   response. What a WHERE clause wants: both databases turn it into a semi-join.
 * - "list": r.id IN (SELECT x.response_id ...), a subquery that does not
 *   depend on r, which SQLite runs once into an in-memory index and then
 *   probes. For predicates in a SELECT list on SQLite (the cross-tab's values):
 *   there SQLite runs a correlated EXISTS through the unique index on
 *   (response_id, question_code, item_code) and reads the table row for
 *   value_code, 8x slower than the list read from the covering index. Not for
 *   PostgreSQL: a SELECT-list IN too big for work_mem is scanned once per row.
 */
export type AnswerLookup = "correlated" | "list";

/** An answer row of `questionCode` for the response, also matching `where`. */
export function answerExists(questionCode: string, where: Sql, lookup: AnswerLookup = "correlated"): Predicate {
  if (lookup === "list")
    return predicate(
      sql`${RESPONSE_ID} IN (SELECT x.response_id FROM answers x WHERE x.question_code = ${questionCode} AND ${where})`,
    );
  return predicate(
    sql`EXISTS (SELECT 1 FROM answers x WHERE x.response_id = ${RESPONSE_ID} AND x.question_code = ${questionCode} AND ${where})`,
  );
}

/** Any row that is the answer itself (not an "__other" text or "__size"). */
export const ANSWER_ITEM = sql`SUBSTR(x.item_code, 1, 2) <> '__'`;

export class VisibilitySql {
  private readonly cache = new Map<string, Predicate>();

  constructor(
    private readonly questionnaire: Questionnaire,
    readonly lookup: AnswerLookup = "correlated",
  ) {}

  /** The question was shown: its section's and its own conditions hold. */
  shown(questionCode: string): Predicate {
    const cached = this.cache.get(questionCode);
    if (cached) return cached;
    const located = questionIndex(this.questionnaire).get(questionCode);
    if (!located) throw new Error(`unknown question ${questionCode}`);
    const { section, question } = located;
    const parts = [section.showIf, question.showIf].filter((c): c is Condition => c !== undefined);
    const shown = allOf(parts.map((c) => this.condition(c)));
    this.cache.set(questionCode, shown);
    return shown;
  }

  /** A grid row was shown: fixed rows with the grid, rowsFrom rows only where the source option was chosen. */
  rowShown(grid: GridQuestion, rowCode: string): Predicate {
    if (grid.rowsFrom === undefined) return this.shown(grid.code);
    return allOf([this.shown(grid.code), this.condition({ question: grid.rowsFrom, includes: rowCode })]);
  }

  condition(condition: Condition): Predicate {
    if ("all" in condition) return allOf(condition.all.map((c) => this.condition(c)));
    if ("any" in condition) return anyOf(condition.any.map((c) => this.condition(c)));
    if ("not" in condition) return not(this.condition(condition.not));
    const code = condition.question;
    const shown = this.shown(code);
    let answer: Predicate;
    if ("equals" in condition) answer = this.exists(code, sql`x.item_code = '' AND x.value_code = ${condition.equals}`);
    else if ("in" in condition)
      answer = this.exists(code, sql`x.item_code = '' AND x.value_code IN (${join(condition.in)})`);
    else if ("includes" in condition) answer = this.exists(code, sql`x.item_code = ${condition.includes}`);
    else if ("answered" in condition) {
      const answered = allOf([shown, this.exists(code, ANSWER_ITEM)]);
      return condition.answered ? answered : not(answered);
    } else {
      const bounds: Sql[] = [sql`x.item_code = ''`, sql`x.value_number IS NOT NULL`];
      if (condition.gte !== undefined) bounds.push(sql`x.value_number >= ${condition.gte}`);
      if (condition.lte !== undefined) bounds.push(sql`x.value_number <= ${condition.lte}`);
      answer = this.exists(code, join(bounds, " AND "));
    }
    return allOf([shown, answer]);
  }

  /** An answer row of `questionCode` matching `where`, written as this instance's lookup says. */
  exists(questionCode: string, where: Sql): Predicate {
    return answerExists(questionCode, where, this.lookup);
  }
}

/** The grid a variable belongs to, when it is one. */
export function gridOf(questionnaire: Questionnaire, code: string): GridQuestion | undefined {
  const question: Question | undefined = findQuestion(questionnaire, code);
  return question?.type === "grid" ? question : undefined;
}
