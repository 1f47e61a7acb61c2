// A cross-tab of two variables over a survey's responses: counts from one
// GROUP BY in the database, then the chi-square test of independence and the
// column-proportion tests on them.
import type { DbOrTx } from "../db/client.js";
import type { Provider } from "../db/schema-files.js";
import { AppError } from "../http/app-error.js";
import type { Questionnaire } from "../questionnaire/index.js";
import { chiSquareTest, type ChiSquareResult } from "./chi-square.js";
import { columnProportionTests, type ColumnProportionResult } from "./column-proportions.js";
import { buildCrossTab, type CrossTabTable } from "./crosstab-table.js";
import { filterSql, needsAgency, type ResultFilters } from "./filters.js";
import { sql, toNumber } from "./sql.js";
import { usesAgency, valueSql } from "./variable-sql.js";
import { findCrossVariable, type CrossVariable } from "./variables.js";
import { VisibilitySql } from "./visibility-sql.js";

export type CrossTab = CrossTabTable & {
  row: CrossVariable;
  col: CrossVariable;
  filters: ResultFilters;
  chiSquare: ChiSquareResult;
  columnTests: ColumnProportionResult;
};

export async function computeCrossTab(options: {
  db: DbOrTx;
  surveyId: number;
  questionnaire: Questionnaire;
  rowId: string;
  colId: string;
  filters: ResultFilters;
  /** the database behind `db`, which decides how answers are looked up (see AnswerLookup) */
  provider: Provider;
}): Promise<CrossTab> {
  const { db, surveyId, questionnaire, filters } = options;
  const row = variableOrThrow(questionnaire, options.rowId, "row");
  const col = variableOrThrow(questionnaire, options.colId, "column");
  // Both values are worked out per response in the SELECT list, where SQLite is fastest with lists.
  const visibility = new VisibilitySql(questionnaire, options.provider === "sqlite" ? "list" : "correlated");
  const agencyJoin =
    needsAgency(filters) || usesAgency(row) || usesAgency(col)
      ? sql`JOIN invitations i ON i.id = r.invitation_id JOIN agencies g ON g.id = i.agency_id`
      : sql``;
  const rows = await db.$queryRaw<{ row_value: string | null; col_value: string | null; n: unknown }[]>(sql`
    SELECT t.row_value, t.col_value, COUNT(*) AS n FROM (
      SELECT ${valueSql(questionnaire, row, visibility)} AS row_value, ${valueSql(questionnaire, col, visibility)} AS col_value
      FROM responses r ${agencyJoin}
      WHERE ${filterSql(surveyId, filters)}
    ) t
    GROUP BY t.row_value, t.col_value`);
  const table = buildCrossTab(
    row,
    col,
    rows.map((r) => ({ row: r.row_value ?? "", col: r.col_value ?? "", n: toNumber(r.n) })),
  );
  return {
    ...table,
    row,
    col,
    filters,
    chiSquare: chiSquareTest(table.counts),
    columnTests: columnProportionTests(table.counts),
  };
}

function variableOrThrow(questionnaire: Questionnaire, id: string, which: string): CrossVariable {
  const variable = findCrossVariable(questionnaire, id);
  if (!variable) {
    throw new AppError(
      "bad_request",
      `Unknown ${which} variable`,
      `This survey has no variable called "${id.slice(0, 80)}". Choose the ${which} variable from the list.`,
    );
  }
  return variable;
}
