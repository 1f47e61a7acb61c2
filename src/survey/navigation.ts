// Which sections an agency sees, in order, and where it should be.
import {
  isSectionShown,
  relevantAnswers,
  validateComplete,
  visibleQuestions,
  type AnswerMap,
  type Questionnaire,
  type Section,
} from "../questionnaire/index.js";

export function visibleSections(questionnaire: Questionnaire, answers: AnswerMap): Section[] {
  const relevant = relevantAnswers(questionnaire, answers);
  return questionnaire.sections.filter((s) => isSectionShown(s, relevant) && visibleQuestions(s, relevant).length > 0);
}

/**
 * The parts the progress indicator counts: those shown, plus those whose
 * condition rests on a question not answered yet (before the screener is
 * answered, a user of social media has six parts ahead, not three).
 */
export function plannedSections(questionnaire: Questionnaire, answers: AnswerMap): Section[] {
  const relevant = relevantAnswers(questionnaire, answers);
  return questionnaire.sections.filter((s) => {
    const undecided = isUndecided(s, relevant);
    return (undecided || isSectionShown(s, relevant)) && (undecided || visibleQuestions(s, relevant).length > 0);
  });
}

function isUndecided(section: Section, relevant: AnswerMap): boolean {
  return conditionCodes(section.showIf).some((code) => !Object.hasOwn(relevant, code));
}

/** The questions a condition looks at. */
export function conditionCodes(condition: Section["showIf"]): string[] {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(conditionCodes);
  if ("any" in condition) return condition.any.flatMap(conditionCodes);
  if ("not" in condition) return conditionCodes(condition.not);
  return [condition.question];
}

/** The section after (or before) `code` among those shown; null past either end. */
export function neighbourSection(
  questionnaire: Questionnaire,
  answers: AnswerMap,
  code: string,
  step: 1 | -1,
): Section | null {
  const sections = visibleSections(questionnaire, answers);
  const at = sections.findIndex((s) => s.code === code);
  if (at < 0)
    return step === 1
      ? (sections.find(
          (s) => questionnaire.sections.indexOf(s) > questionnaire.sections.findIndex((x) => x.code === code),
        ) ?? null)
      : null;
  return sections[at + step] ?? null;
}

/** Where a returning agency lands: the first page with a required answer missing, or the review. */
export function resumeSection(questionnaire: Questionnaire, answers: AnswerMap, lastSection: string): string | null {
  const missing = validateComplete(questionnaire, answers)[0];
  if (missing) return missing.sectionCode;
  // Nothing required is missing: if it never reached the end, take it back where it stopped.
  const sections = visibleSections(questionnaire, answers);
  const last = sections.findIndex((s) => s.code === lastSection);
  if (last >= 0 && last < sections.length - 1) return sections[last + 1]!.code;
  return null;
}
