// Skip logic in words, for the codebook and the coordinator's preview:
// "USES_SOCIAL_MEDIA = YES (Yes) and PLATFORMS includes FACEBOOK (Facebook)".
import { findQuestion } from "./answer-types.js";
import type { Condition, Questionnaire } from "./definition-schema.js";
import { formatLimit } from "./messages.js";

export function describeCondition(condition: Condition, questionnaire: Questionnaire): string {
  if ("all" in condition || "any" in condition) {
    const [parts, joiner] = "all" in condition ? [condition.all, " and "] : [condition.any, " or "];
    return parts
      .map((part) => {
        const text = describeCondition(part, questionnaire);
        // parenthesise a nested group of the other kind, so "a and (b or c)" keeps its meaning
        const nested = ("all" in part && joiner === " or ") || ("any" in part && joiner === " and ");
        return nested && partsOf(part) > 1 ? `(${text})` : text;
      })
      .join(joiner);
  }
  if ("not" in condition) return `not (${describeCondition(condition.not, questionnaire)})`;
  const q = condition.question;
  const option = (code: string) => {
    const question = findQuestion(questionnaire, q);
    const label = question && "options" in question ? question.options.find((o) => o.code === code)?.label : undefined;
    return label === undefined ? code : `${code} (${label})`;
  };
  if ("equals" in condition) return `${q} = ${option(condition.equals)}`;
  if ("in" in condition) return `${q} is one of ${condition.in.map(option).join(", ")}`;
  if ("includes" in condition) return `${q} includes ${option(condition.includes)}`;
  if ("answered" in condition) return condition.answered ? `${q} is answered` : `${q} is not answered`;
  const { gte, lte } = condition;
  if (gte !== undefined && lte !== undefined) return `${q} is from ${formatLimit(gte)} to ${formatLimit(lte)}`;
  return gte !== undefined ? `${q} >= ${formatLimit(gte)}` : `${q} <= ${formatLimit(lte ?? 0)}`;
}

function partsOf(condition: Condition): number {
  return "all" in condition ? condition.all.length : "any" in condition ? condition.any.length : 1;
}

/** "Shown if ..." for every condition that applies together, or "Always". */
export function describeSkip(conditions: readonly (Condition | undefined)[], questionnaire: Questionnaire): string {
  const parts = conditions.filter((c): c is Condition => c !== undefined).flatMap((c) => ("all" in c ? c.all : [c]));
  const [only] = parts;
  if (!only) return "Always";
  return `Shown if ${describeCondition(parts.length === 1 ? only : { all: parts }, questionnaire)}`;
}
