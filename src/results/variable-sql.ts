// A cross-tab variable as one SQL expression per response: its category code,
// or a marker for "not asked" (skip logic) and "asked, not answered", so one
// GROUP BY gives the table and what it leaves out.
import type { Questionnaire } from "../questionnaire/index.js";
import { regionCaseSql, sizeBandCaseSql } from "./filters.js";
import { sqlOf, sql, type Predicate, type Sql } from "./sql.js";
import type { AgencyAttribute, CrossVariable } from "./variables.js";
import { ANSWER_ITEM, RESPONSE_ID, VisibilitySql, answerExists, gridOf } from "./visibility-sql.js";

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
      return whenShown(visibility.shown(variable.questionCode), answerCode(variable.questionCode, ""));
    case "grid_row": {
      const grid = gridOf(questionnaire, variable.questionCode);
      if (!grid) throw new Error(`${variable.questionCode} is not a grid`);
      return whenShown(
        visibility.rowShown(grid, variable.rowCode),
        answerCode(variable.questionCode, variable.rowCode),
      );
    }
    case "option": {
      const answered = sqlOf(answerExists(variable.questionCode, ANSWER_ITEM));
      const chosen = sqlOf(answerExists(variable.questionCode, sql`x.item_code = ${variable.optionCode}`));
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

/** The stored code of a single answer or grid row, or the no-answer marker. */
function answerCode(questionCode: string, itemCode: string): Sql {
  return sql`COALESCE((SELECT x.value_code FROM answers x WHERE x.response_id = ${RESPONSE_ID} AND x.question_code = ${questionCode} AND x.item_code = ${itemCode}), ${NO_ANSWER})`;
}

function whenShown(shown: Predicate, value: Sql): Sql {
  if (shown === "true") return value;
  return sql`CASE WHEN ${shown.sql} THEN ${value} ELSE ${NOT_ASKED} END`;
}
