// The codebook as rows, for the Codebook sheet and codebook.csv alike.
import type { CodebookVariable } from "../questionnaire/index.js";

export const CODEBOOK_HEADER = [
  "variable",
  "section",
  "question_code",
  "item_code",
  "question_text",
  "item_label",
  "type",
  "codes_and_labels",
  "skip_condition",
  "notes",
  "version",
] as const;

export function codebookRow(v: CodebookVariable): string[] {
  return [
    v.variable,
    v.section,
    v.questionCode,
    v.itemCode,
    v.text,
    v.itemLabel,
    v.type,
    v.codes.map((c) => `${c.value} = ${c.label}`).join("; "),
    v.skipCondition,
    v.notes,
    v.version,
  ];
}
