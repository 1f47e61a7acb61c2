// One response as codebook variables (the wide format of exports). Skip logic
// decides between the two missing codes, so it lives here with the questionnaire
// rather than in each exporter.
import { answerOf, type AnswerMap, type AnswerValue } from "./answer-types.js";
import { NOT_APPLICABLE, NO_ANSWER } from "./codebook.js";
import type { Question, Questionnaire } from "./definition-schema.js";
import { gridRowsFor, isQuestionShown, relevantAnswers } from "./skip-logic.js";
import { variablesOf, type VariableSpec } from "./variable-names.js";

export type VariableValue = number | string;

// An export asks for every response's values: the variable names of each
// question are made once per questionnaire, not once per response.
const specsCache = new WeakMap<Questionnaire, Map<Question, VariableSpec[]>>();

function specsOf(question: Question, questionnaire: Questionnaire): VariableSpec[] {
  let byQuestion = specsCache.get(questionnaire);
  if (!byQuestion) specsCache.set(questionnaire, (byQuestion = new Map()));
  let specs = byQuestion.get(question);
  if (!specs) byQuestion.set(question, (specs = variablesOf(question, questionnaire)));
  return specs;
}

/** Variable name -> value, for every variable of the codebook, in its order. */
export function variableValues(questionnaire: Questionnaire, answers: AnswerMap): Record<string, VariableValue> {
  const relevant = relevantAnswers(questionnaire, answers);
  const values: Record<string, VariableValue> = {};
  for (const section of questionnaire.sections) {
    for (const question of section.questions) {
      const shown = isQuestionShown(section, question, relevant);
      const answer = answerOf(relevant, question.code);
      const rows = question.type === "grid" ? gridRowsFor(question, relevant, questionnaire) : [];
      for (const spec of specsOf(question, questionnaire)) {
        values[spec.variable] = shown ? valueOf(question, spec, answer, rows) : NOT_APPLICABLE;
      }
    }
  }
  return values;
}

function valueOf(
  question: Question,
  spec: VariableSpec,
  answer: AnswerValue | undefined,
  rows: readonly { code: string }[],
): VariableValue {
  if (spec.kind === "row") {
    if (!rows.some((r) => r.code === spec.row.code)) return NOT_APPLICABLE;
    const column =
      answer?.type === "grid" && Object.hasOwn(answer.rows, spec.row.code) ? answer.rows[spec.row.code] : undefined;
    const option = question.type === "grid" ? question.columns.find((c) => c.code === column) : undefined;
    return option?.value ?? NO_ANSWER;
  }
  if (!answer) return NO_ANSWER;
  if (spec.kind === "option") return answer.type === "multiple" && answer.codes.includes(spec.option.code) ? 1 : 0;
  if (spec.kind === "other") {
    const chosen = answer.type === "single" ? [answer.code] : answer.type === "multiple" ? answer.codes : [];
    const otherOption = "otherOption" in question ? question.otherOption : undefined;
    if (otherOption === undefined || !chosen.includes(otherOption)) return NOT_APPLICABLE;
    return "other" in answer && answer.other !== undefined ? answer.other : NO_ANSWER;
  }
  switch (answer.type) {
    case "single":
      return (
        ("options" in question ? question.options.find((o) => o.code === answer.code)?.value : undefined) ?? NO_ANSWER
      );
    case "number":
    case "text":
      return answer.value;
    case "file":
      return answer.filename;
    default:
      return NO_ANSWER;
  }
}
