// The note a question carries when it depends on an answer on the same page,
// in words for the agency (the codebook has its own, technical wording).
import { findQuestion, type Condition, type Questionnaire } from "../questionnaire/index.js";

function labelOf(questionnaire: Questionnaire, questionCode: string, optionCode: string): string {
  const question = findQuestion(questionnaire, questionCode);
  const options = question && "options" in question ? question.options : [];
  return options.find((o) => o.code === optionCode)?.label ?? optionCode;
}

export function describeForAgency(condition: Condition, questionnaire: Questionnaire): string {
  if ("question" in condition) {
    const question = findQuestion(questionnaire, condition.question);
    const asked = `“${question?.text ?? condition.question}”`;
    if ("equals" in condition)
      return `Answer this only if you answered ${asked} with “${labelOf(questionnaire, condition.question, condition.equals)}”.`;
    if ("includes" in condition)
      return `Answer this only if you chose “${labelOf(questionnaire, condition.question, condition.includes)}” for ${asked}.`;
    if ("in" in condition)
      return `Answer this only if you answered ${asked} with ${condition.in.map((c) => `“${labelOf(questionnaire, condition.question, c)}”`).join(" or ")}.`;
    if ("answered" in condition)
      return condition.answered
        ? `Answer this only if you answered ${asked}.`
        : `Answer this only if you left ${asked} unanswered.`;
  }
  return "Answer this only if it applies, given your answers above.";
}
