// How questions map to export variables. Shared by the codebook and by the
// definition loader, which refuses a definition whose variables would collide
// (question A_B with option C and question A with option B_C both give A_B_C).
import { findQuestion } from "./answer-types.js";
import type { Option, Question, Questionnaire } from "./definition-schema.js";

export const OTHER_ITEM = "__other";

export type VariableSpec =
  | { kind: "main"; variable: string; itemCode: "" }
  /** one 0/1 variable per option of a multiple question */
  | { kind: "option"; variable: string; itemCode: string; option: Option }
  /** one variable per grid row; for rowsFrom grids one per option of the source question */
  | { kind: "row"; variable: string; itemCode: string; row: Option }
  /** the "other, please specify" text */
  | { kind: "other"; variable: string; itemCode: typeof OTHER_ITEM };

export function variablesOf(question: Question, questionnaire: Questionnaire): VariableSpec[] {
  const code = question.code;
  const other: VariableSpec[] =
    "otherOption" in question && question.otherOption !== undefined
      ? [{ kind: "other", variable: `${code}_OTHER_TEXT`, itemCode: OTHER_ITEM }]
      : [];
  switch (question.type) {
    case "single":
      return [{ kind: "main", variable: code, itemCode: "" }, ...other];
    case "multiple":
      return [
        ...question.options.map((option): VariableSpec => ({
          kind: "option",
          variable: `${code}_${option.code}`,
          itemCode: option.code,
          option,
        })),
        ...other,
      ];
    case "grid":
      return possibleGridRows(question, questionnaire).map((row) => ({
        kind: "row",
        variable: `${code}_${row.code}`,
        itemCode: row.code,
        row,
      }));
    default:
      return [{ kind: "main", variable: code, itemCode: "" }];
  }
}

/** Every row a grid can ever have, whatever the answers (exclusive options of a rowsFrom source never become rows). */
export function possibleGridRows(question: Question, questionnaire: Questionnaire): Option[] {
  if (question.type !== "grid") return [];
  if (question.rows) return question.rows;
  const source = question.rowsFrom === undefined ? undefined : findQuestion(questionnaire, question.rowsFrom);
  if (source?.type !== "multiple") return [];
  const exclusive = new Set(source.exclusive ?? []);
  return source.options.filter((o) => !exclusive.has(o.code));
}
