// A cross-tab variable as one SQL expression per response: its category code,
// or a marker for "not asked" (skip logic) and "asked, not answered", so one
// GROUP BY gives the table and what it leaves out.
import type { Questionnaire } from "../questionnaire/index.js";
import { regionCaseSql, sizeBandCaseSql } from "./filters.js";
import { join, sqlOf, sql, type Predicate, type Sql } from "./sql.js";
import type { AgencyAttribute, Category, CrossVariable } from "./variables.js";
import { ANSWER_ITEM, RESPONSE_ID, VisibilitySql, gridOf } from "./visibility-sql.js";

export const NOT_ASKED = "__not_asked";
export const NO_ANSWER = "__no_answer";

export function isMissing(code: string): boolean {
  return code === NOT_ASKED || code === NO_ANSWER;
}

export function valueSql(
  questionnaire: Questionnaire,
  variable: CrossVariable,
  visibility = new VisibilitySql(questionnaire),
): Sql {
  switch (variable.kind) {
    case "agency":
      return agencyValueSql(variable.attribute);
    case "single":
      return whenShown(
        visibility.shown(variable.questionCode),
        answerCode(variable.questionCode, "", variable.categories, visibility),
      );
    case "grid_row": {
      const grid = gridOf(questionnaire, variable.questionCode);
      if (!grid) throw new Error(`${variable.questionCode} is not a grid`);
      return whenShown(
        visibility.rowShown(grid, variable.rowCode),
        answerCode(variable.questionCode, variable.rowCode, variable.categories, visibility),
      );
    }
    case "option": {
      const answered = sqlOf(visibility.exists(variable.questionCode, ANSWER_ITEM));
      const chosen = sqlOf(visibility.exists(variable.questionCode, sql`x.item_code = ${variable.optionCode}`));
      const value = sql`CASE WHEN NOT ${answered} THEN ${NO_ANSWER} WHEN ${chosen} THEN 'YES' ELSE 'NO' END`;
      return whenShown(visibility.shown(variable.questionCode), value);
    }
  }
}

/** Whether the variable needs the agencies table (g) joined. */
export function usesAgency(variable: CrossVariable): boolean {
  return variable.kind === "agency";
}

function agencyValueSql(attribute: AgencyAttribute): Sql {
  switch (attribute) {
    case "agency_type":
      return sql`g.agency_type`;
    case "state":
      return sql`g.state`;
    case "size_band":
      return sizeBandCaseSql();
    case "region":
      return regionCaseSql();
  }
}

/** Up to this many codes, probing one list per code is cheaper than one correlated read (see answerCode). */
const MAX_LISTED_CODES = 10;

/** The stored code of a single answer or grid row, or the no-answer marker. */
function answerCode(
  questionCode: string,
  itemCode: string,
  categories: readonly Category[],
  visibility: VisibilitySql,
): Sql {
  const stored = sql`COALESCE((SELECT x.value_code FROM answers x WHERE x.response_id = ${RESPONSE_ID} AND x.question_code = ${questionCode} AND x.item_code = ${itemCode}), ${NO_ANSWER})`;
  if (visibility.lookup !== "list" || categories.length > MAX_LISTED_CODES) return stored;
  // The correlated read above costs SQLite a table row per response (value_code
  // is not in the unique index); a list per known code reads only the covering
  // index. Codes the definition does not list, and no answer, fall through to
  // the read, so the result is the same.
  const whens = categories.map(
    ({ code }) =>
      sql`WHEN ${sqlOf(visibility.exists(questionCode, sql`x.item_code = ${itemCode} AND x.value_code = ${code}`))} THEN ${code}`,
  );
  return sql`CASE ${join(whens, " ")} ELSE ${stored} END`;
}

function whenShown(shown: Predicate, value: Sql): Sql {
  if (shown === "true") return value;
  return sql`CASE WHEN ${shown.sql} THEN ${value} ELSE ${NOT_ASKED} END`;
}
