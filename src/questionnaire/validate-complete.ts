// The check before submission: every required question that applies has an
// answer. Only missing answers are reported (what was saved was validated when
// its page was parsed), in questionnaire order, so the review page can send
// the agency to the first incomplete page.
import { answerOf, type AnswerMap } from "./answer-types.js";
import type { Questionnaire } from "./definition-schema.js";
import { fieldName, rowFieldName } from "./form-fields.js";
import { messages, requiredMessage } from "./messages.js";
import type { FieldError } from "./parse-page.js";
import { gridRowsFor, isAnswered, isQuestionShown, relevantAnswers } from "./skip-logic.js";

export function validateComplete(questionnaire: Questionnaire, answers: AnswerMap): FieldError[] {
  const relevant = relevantAnswers(questionnaire, answers);
  const errors: FieldError[] = [];
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      if (!question.required || !isQuestionShown(section, question, relevant)) continue;
      const answer = answerOf(relevant, question.code);
      const where = { questionCode: question.code, sectionCode: section.code, kind: "required" as const };
      if (question.type === "grid") {
        const rows = gridRowsFor(question, relevant, questionnaire);
        const missing = rows.filter((r) => answer?.type !== "grid" || !Object.hasOwn(answer.rows, r.code));
        const first = missing[0];
        if (!first) continue;
        const message = missing.length === 1 ? messages.row(first.label) : messages.rowsLeft(missing.length);
        errors.push({ ...where, field: rowFieldName(question.code, first.code), message });
      } else if (!isAnswered(answer)) {
        errors.push({ ...where, field: fieldName(question.code), message: requiredMessage(question) });
      }
    }
  }
  return errors;
}
