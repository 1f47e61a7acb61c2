// An agency's answers in memory, keyed by question code. The same shape comes
// from a parsed page, from the database (fromAnswerRows) and goes to exports.
import type { Question, Questionnaire, Section } from "./definition-schema.js";
import { derivedOnce } from "./derived-once.js";

export type AnswerValue =
  | { type: "single"; code: string; other?: string }
  | { type: "multiple"; codes: string[]; other?: string }
  /** row code -> column code; only answered rows are present */
  | { type: "grid"; rows: Record<string, string> }
  | { type: "number"; value: number }
  | { type: "text"; value: string }
  | { type: "file"; fileId: number; filename: string; size: number };

export type AnswerMap = Readonly<Record<string, AnswerValue>>;

/** Own-property lookup, so a code can never reach Object.prototype. */
export function answerOf(answers: AnswerMap, code: string): AnswerValue | undefined {
  return Object.hasOwn(answers, code) ? answers[code] : undefined;
}

/** The AnswerValue type each question type produces. */
export function answerTypeOf(question: Question): AnswerValue["type"] {
  switch (question.type) {
    case "integer":
    case "decimal":
      return "number";
    case "longtext":
      return "text";
    default:
      return question.type;
  }
}

export type Located = { section: Section; question: Question; index: number };

/** Question code -> its section and position in questionnaire order (made once per definition object). */
export const questionIndex: (questionnaire: Questionnaire) => ReadonlyMap<string, Located> = derivedOnce(
  (questionnaire: Questionnaire) => {
    const index = new Map<string, Located>();
    let position = 0;
    for (const section of questionnaire.sections) {
      for (const question of section.questions) index.set(question.code, { section, question, index: position++ });
    }
    return index;
  },
);

export function findQuestion(questionnaire: Questionnaire, code: string): Question | undefined {
  return questionIndex(questionnaire).get(code)?.question;
}

export function findSection(questionnaire: Questionnaire, code: string): Section | undefined {
  return questionnaire.sections.find((s) => s.code === code);
}
