// Every section the agency sees, with every question shown and its answer,
// for the review page (with links to change) and the printable copy.
import {
  isQuestionShown,
  relevantAnswers,
  type AnswerMap,
  type FieldError,
  type Questionnaire,
} from "../questionnaire/index.js";
import { answerLines } from "./present-answer.js";
import { visibleSections } from "./navigation.js";

export function presentReview(questionnaire: Questionnaire, answers: AnswerMap, errors: FieldError[] = []) {
  const relevant = relevantAnswers(questionnaire, answers);
  return visibleSections(questionnaire, relevant).map((section) => ({
    code: section.code,
    title: section.title,
    questions: section.questions
      .filter((q) => isQuestionShown(section, q, relevant))
      .map((q) => ({
        code: q.code,
        text: q.text,
        lines: answerLines(q, relevant[q.code], relevant, questionnaire),
        missing: errors.find((e) => e.questionCode === q.code)?.message,
        field: errors.find((e) => e.questionCode === q.code)?.field ?? `q_${q.code}`,
      })),
  }));
}
