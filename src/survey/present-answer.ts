// An answer as words, for the review page and the printable copy.
import {
  gridRowsFor,
  type AnswerMap,
  type AnswerValue,
  type Question,
  type Questionnaire,
} from "../questionnaire/index.js";

// Made once: toLocaleString builds a new formatter on every call.
const answerNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function labelOf(options: { code: string; label: string }[], code: string): string {
  return options.find((o) => o.code === code)?.label ?? code;
}

/** One or more lines describing the answer; empty when unanswered. */
export function answerLines(
  question: Question,
  answer: AnswerValue | undefined,
  answers: AnswerMap,
  questionnaire: Questionnaire,
): string[] {
  if (!answer) return [];
  switch (question.type) {
    case "single":
      if (answer.type !== "single") return [];
      return [
        answer.other
          ? `${labelOf(question.options, answer.code)}: ${answer.other}`
          : labelOf(question.options, answer.code),
      ];
    case "multiple":
      if (answer.type !== "multiple") return [];
      return answer.codes.map((c) =>
        c === question.otherOption && answer.other
          ? `${labelOf(question.options, c)}: ${answer.other}`
          : labelOf(question.options, c),
      );
    case "grid": {
      if (answer.type !== "grid") return [];
      return gridRowsFor(question, answers, questionnaire)
        .filter((row) => Object.hasOwn(answer.rows, row.code))
        .map((row) => `${row.label}: ${labelOf(question.columns, answer.rows[row.code]!)}`);
    }
    case "integer":
    case "decimal":
      return answer.type === "number"
        ? [
            `${answerNumber.format(answer.value)}${question.unit && question.unit !== "year" ? ` ${question.unit}` : ""}`,
          ]
        : [];
    case "text":
    case "longtext":
      return answer.type === "text" ? [answer.value] : [];
    case "file":
      return answer.type === "file" ? [`${answer.filename} (${Math.max(1, Math.round(answer.size / 1024))} KB)`] : [];
  }
}
