// One response as the cells of a row: the fixed columns about the agency, then
// every codebook variable, either as its numeric code or as its label. Both
// sheets and the CSV come from here, so they cannot disagree.
import {
  fromAnswerRows,
  NOT_APPLICABLE,
  variableValues,
  type CodebookVariable,
  type Questionnaire,
  type VariableValue,
} from "../questionnaire/index.js";
import type { ExportResponse } from "./response-pages.js";

export const FIXED_COLUMNS = [
  "response_id",
  "agency_name",
  "ori",
  "state",
  "agency_type",
  "status",
  "submitted_at",
] as const;

export type Cell = string | number | Date | null;

export function headerRow(variables: readonly CodebookVariable[]): string[] {
  return [...FIXED_COLUMNS, ...variables.map((v) => v.variable)];
}

export type RowMaker = (response: ExportResponse, questionnaire: Questionnaire) => { codes: Cell[]; labels: Cell[] };

export function rowMaker(variables: readonly CodebookVariable[]): RowMaker {
  // Labels per variable, looked up once rather than per cell.
  const labelMaps = variables.map((v) => new Map(v.codes.map((c) => [c.value, c.label])));
  return (response, questionnaire) => {
    const values = variableValues(questionnaire, fromAnswerRows(questionnaire, response.answers));
    const fixed: Cell[] = [
      response.id,
      response.agency.name,
      response.agency.ori,
      response.agency.state,
      response.agency.agencyType,
      response.status,
      response.submittedAt,
    ];
    const codes: Cell[] = [...fixed];
    const labels: Cell[] = [...fixed];
    variables.forEach((variable, index) => {
      // A response bound to an older version may lack a variable of the survey's version: not asked.
      const value: VariableValue = values[variable.variable] ?? NOT_APPLICABLE;
      codes.push(value);
      labels.push(typeof value === "number" ? (labelMaps[index]?.get(value) ?? value) : value);
    });
    return { codes, labels };
  };
}
