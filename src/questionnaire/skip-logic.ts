// Skip logic: which sections, questions and grid rows apply to an agency given
// its answers. Conditions only look at earlier questions (load-definition.ts
// enforces it), so one pass in questionnaire order settles every chain.
import { answerOf, answerTypeOf, findQuestion, type AnswerMap, type AnswerValue } from "./answer-types.js";
import type { Condition, GridQuestion, Option, Question, Questionnaire, Section } from "./definition-schema.js";

export type { AnswerMap, AnswerValue } from "./answer-types.js";

/** An unanswered question satisfies no comparison; `not` turns that into true, as the wording suggests. */
export function evaluate(condition: Condition, answers: AnswerMap): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluate(c, answers));
  if ("any" in condition) return condition.any.some((c) => evaluate(c, answers));
  if ("not" in condition) return !evaluate(condition.not, answers);
  const answer = answerOf(answers, condition.question);
  if ("equals" in condition) return answer?.type === "single" && answer.code === condition.equals;
  if ("in" in condition) return answer?.type === "single" && condition.in.includes(answer.code);
  if ("includes" in condition) return answer?.type === "multiple" && answer.codes.includes(condition.includes);
  if ("answered" in condition) return isAnswered(answer) === condition.answered;
  if (answer?.type !== "number") return false;
  if (condition.gte !== undefined && answer.value < condition.gte) return false;
  if (condition.lte !== undefined && answer.value > condition.lte) return false;
  return true;
}

export function isAnswered(answer: AnswerValue | undefined): boolean {
  if (!answer) return false;
  if (answer.type === "multiple") return answer.codes.length > 0;
  if (answer.type === "grid") return Object.keys(answer.rows).length > 0;
  return true;
}

export function isSectionShown(section: Section, answers: AnswerMap): boolean {
  return !section.showIf || evaluate(section.showIf, answers);
}

export function isQuestionShown(section: Section, question: Question, answers: AnswerMap): boolean {
  return isSectionShown(section, answers) && (!question.showIf || evaluate(question.showIf, answers));
}

/** Every row a grid can have: its fixed rows, or for rowsFrom the source question's options but an exclusive "None". */
export function gridRowCandidates(question: GridQuestion, questionnaire: Questionnaire): Option[] {
  if (question.rows) return question.rows;
  if (question.rowsFrom === undefined) return [];
  const source = findQuestion(questionnaire, question.rowsFrom);
  if (source?.type !== "multiple") return [];
  const exclusive = new Set(source.exclusive ?? []);
  return source.options.filter((o) => !exclusive.has(o.code));
}

/** The rows that apply: fixed rows, or for rowsFrom the candidates chosen in the source question. */
export function gridRowsFor(question: GridQuestion, answers: AnswerMap, questionnaire: Questionnaire): Option[] {
  if (question.rows || question.rowsFrom === undefined) return gridRowCandidates(question, questionnaire);
  const answer = answerOf(answers, question.rowsFrom);
  if (answer?.type !== "multiple") return [];
  return gridRowCandidates(question, questionnaire).filter((o) => answer.codes.includes(o.code));
}

/** The questions of a section that apply; pass answers already cleaned by relevantAnswers. */
export function visibleQuestions(section: Section, answers: AnswerMap): Question[] {
  if (!isSectionShown(section, answers)) return [];
  return section.questions.filter((q) => !q.showIf || evaluate(q.showIf, answers));
}

/**
 * The answers that still apply: answers to hidden questions, of the wrong type,
 * to unknown questions, grid rows no longer chosen and "other" texts of
 * options no longer chosen are dropped. Run after every change, so that going
 * back and changing the screener clears what it made irrelevant.
 */
export function relevantAnswers(questionnaire: Questionnaire, answers: AnswerMap): AnswerMap {
  const known = relevantOf.get(answers);
  if (known?.questionnaire === questionnaire) return known.relevant;
  const relevant = findRelevant(questionnaire, answers);
  relevantOf.set(answers, { questionnaire, relevant });
  // Already relevant: asking again gives the same.
  relevantOf.set(relevant, { questionnaire, relevant });
  return relevant;
}

// A page asks for the same agency's relevant answers several times (which
// sections show, the progress indicator, each question's state), and an
// AnswerMap is never changed once made, so the result is kept per map.
const relevantOf = new WeakMap<AnswerMap, { questionnaire: Questionnaire; relevant: AnswerMap }>();

function findRelevant(questionnaire: Questionnaire, answers: AnswerMap): AnswerMap {
  const kept: Record<string, AnswerValue> = {};
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const answer = answerOf(answers, question.code);
      if (!answer || answer.type !== answerTypeOf(question)) continue;
      if (!isQuestionShown(section, question, kept)) continue;
      const cleaned = cleanAnswer(question, answer, kept, questionnaire);
      if (cleaned && isAnswered(cleaned)) kept[question.code] = cleaned;
    }
  }
  return kept;
}

function cleanAnswer(
  question: Question,
  answer: AnswerValue,
  kept: AnswerMap,
  questionnaire: Questionnaire,
): AnswerValue | undefined {
  if (question.type === "grid" && answer.type === "grid") {
    const rows: Record<string, string> = {};
    for (const row of gridRowsFor(question, kept, questionnaire)) {
      const column = Object.hasOwn(answer.rows, row.code) ? answer.rows[row.code] : undefined;
      if (column !== undefined) rows[row.code] = column;
    }
    return { type: "grid", rows };
  }
  if (question.type === "single" && answer.type === "single") {
    return answer.other !== undefined && answer.code !== question.otherOption
      ? { type: "single", code: answer.code }
      : answer;
  }
  if (question.type === "multiple" && answer.type === "multiple") {
    const otherChosen = question.otherOption !== undefined && answer.codes.includes(question.otherOption);
    return answer.other !== undefined && !otherChosen ? { type: "multiple", codes: answer.codes } : answer;
  }
  return answer;
}
