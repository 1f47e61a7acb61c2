// Answers to and from the long format of the Answer table (see its comment in
// prisma/sqlite/schema.prisma), where counts and cross-tabs are plain GROUP BYs:
//   single    itemCode ""            valueCode = option code
//   multiple  itemCode = option code valueCode = option code   (one row per chosen option)
//   grid      itemCode = row code    valueCode = column code
//   number    itemCode ""            valueNumber
//   text      itemCode ""            valueText
//   file      itemCode ""            valueNumber = file id, valueText = filename
//             itemCode "__size"      valueNumber = size in bytes
//   other     itemCode "__other"     valueText = the "please specify" text
// Item codes starting "__" can never clash with option or row codes (UPPER_SNAKE).
import { findQuestion, type AnswerMap, type AnswerValue } from "./answer-types.js";
import type { Question, Questionnaire } from "./definition-schema.js";
import { OTHER_ITEM } from "./variable-names.js";

export { OTHER_ITEM } from "./variable-names.js";
export const FILE_SIZE_ITEM = "__size";

export type AnswerRow = {
  questionCode: string;
  itemCode: string;
  valueCode: string | null;
  valueNumber: number | null;
  valueText: string | null;
};

type Cell = Partial<Omit<AnswerRow, "questionCode" | "itemCode">>;

// Module functions, not closures made per call: every page shown and saved runs these for each question.
function answerRow(questionCode: string, itemCode: string, cell: Cell): AnswerRow {
  return {
    questionCode,
    itemCode,
    valueCode: cell.valueCode ?? null,
    valueNumber: cell.valueNumber ?? null,
    valueText: cell.valueText ?? null,
  };
}

export function toAnswerRows(questionCode: string, value: AnswerValue): AnswerRow[] {
  const q = questionCode;
  const other =
    "other" in value && value.other !== undefined ? [answerRow(q, OTHER_ITEM, { valueText: value.other })] : [];
  switch (value.type) {
    case "single":
      return [answerRow(q, "", { valueCode: value.code }), ...other];
    case "multiple":
      return [...new Set(value.codes)].map((code) => answerRow(q, code, { valueCode: code })).concat(other);
    case "grid":
      return Object.entries(value.rows).map(([item, column]) => answerRow(q, item, { valueCode: column }));
    case "number":
      return [answerRow(q, "", { valueNumber: value.value })];
    case "text":
      return [answerRow(q, "", { valueText: value.value })];
    case "file":
      return [
        answerRow(q, "", { valueNumber: value.fileId, valueText: value.filename }),
        answerRow(q, FILE_SIZE_ITEM, { valueNumber: value.size }),
      ];
  }
}

/** The inverse of toAnswerRows; rows of questions the definition does not have, or that do not fit it, are ignored. */
export function fromAnswerRows(questionnaire: Questionnaire, rows: readonly AnswerRow[]): AnswerMap {
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const row of rows) {
    const list = byQuestion.get(row.questionCode);
    if (list) list.push(row);
    else byQuestion.set(row.questionCode, [row]);
  }
  const answers: Record<string, AnswerValue> = {};
  for (const [code, questionRows] of byQuestion) {
    const question = findQuestion(questionnaire, code);
    const answer = question ? answerFromRows(question, questionRows) : undefined;
    if (answer) answers[code] = answer;
  }
  return answers;
}

function itemOf(rows: readonly AnswerRow[], code: string): AnswerRow | undefined {
  for (const row of rows) if (row.itemCode === code) return row;
  return undefined;
}

function answerFromRows(question: Question, rows: readonly AnswerRow[]): AnswerValue | undefined {
  const main = itemOf(rows, "");
  const otherText = itemOf(rows, OTHER_ITEM)?.valueText ?? undefined;
  const other = otherText === undefined ? {} : { other: otherText };
  switch (question.type) {
    case "single":
      return typeof main?.valueCode === "string" ? { type: "single", code: main.valueCode, ...other } : undefined;
    case "multiple": {
      // option order, not row order, which the database does not promise
      const chosen = new Set(rows.filter((r) => isItem(r.itemCode)).map((r) => r.itemCode));
      const known = question.options.map((o) => o.code).filter((c) => chosen.has(c));
      const unknown = [...chosen].filter((c) => !known.includes(c)).sort();
      const codes = [...known, ...unknown];
      return codes.length > 0 ? { type: "multiple", codes, ...other } : undefined;
    }
    case "grid": {
      const cells = rows.filter((r) => isItem(r.itemCode) && typeof r.valueCode === "string");
      if (cells.length === 0) return undefined;
      return { type: "grid", rows: Object.fromEntries(cells.map((r) => [r.itemCode, r.valueCode ?? ""])) };
    }
    case "integer":
    case "decimal":
      return typeof main?.valueNumber === "number" ? { type: "number", value: main.valueNumber } : undefined;
    case "text":
    case "longtext":
      return typeof main?.valueText === "string" ? { type: "text", value: main.valueText } : undefined;
    case "file":
      if (typeof main?.valueNumber !== "number") return undefined;
      return {
        type: "file",
        fileId: main.valueNumber,
        filename: main.valueText ?? "",
        size: itemOf(rows, FILE_SIZE_ITEM)?.valueNumber ?? 0,
      };
  }
}

/** An option or row code, as opposed to "" or a "__" bookkeeping item. */
function isItem(itemCode: string): boolean {
  return itemCode !== "" && !itemCode.startsWith("__");
}
