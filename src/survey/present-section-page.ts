// Everything a section page shows: progress, the questions with their values
// and errors, and the fingerprint that detects a stale page.
import {
  findSection,
  formValuesFor,
  isQuestionShown,
  relevantAnswers,
  type AnswerMap,
  type Condition,
  type FieldError,
  type FormValues,
  type Questionnaire,
  type Section,
} from "../questionnaire/index.js";
import { derivedOnce } from "../questionnaire/derived-once.js";
import { describeForAgency } from "./describe-for-agency.js";
import { plannedSections } from "./navigation.js";
import { questionFragment, questionState, samePageCondition } from "./present-question.js";
import { sectionBaseline } from "./section-baseline.js";
import type { Fragment } from "../http/fragment-cache.js";

// A condition belongs to one loaded questionnaire: its words are worked out once.
const conditionText = derivedOnce((condition: Condition, questionnaire: Questionnaire) =>
  describeForAgency(condition, questionnaire),
);

export function presentSectionPage(options: {
  questionnaire: Questionnaire;
  sectionCode: string;
  answers: AnswerMap;
  values?: FormValues;
  errors?: FieldError[];
  baseline?: string;
}) {
  const { questionnaire, sectionCode, answers, errors = [] } = options;
  const section = findSection(questionnaire, sectionCode)!;
  const relevant = relevantAnswers(questionnaire, answers);
  const values = options.values ?? formValuesFor(questionnaire, sectionCode, answers);
  const sections = plannedSections(questionnaire, relevant);
  const position = sections.findIndex((s) => s.code === sectionCode);
  // Without JavaScript a question that depends on an answer on this same page
  // is shown with a note saying when to answer it; the script hides it instead.
  const shown = section.questions.filter(
    (q) => samePageCondition(section, q) !== undefined || isQuestionShown(section, q, relevant),
  );
  return {
    section: { code: section.code, title: section.title, intro: section.intro },
    questions: shown.map((question) =>
      questionFragment({
        section,
        question,
        state: questionState({ questionnaire, section, question, answers: relevant, values, errors }),
        conditionText: question.showIf ? conditionText(question.showIf, questionnaire) : undefined,
      }),
    ),
    multipart: shown.some((q) => q.type === "file"),
    progress: { current: position + 1, total: sections.length },
    progressMarkup: progressFragment(questionnaire, sections, position),
    isFirst: position === 0,
    isLast: position === sections.length - 1,
    baseline: options.baseline ?? sectionBaseline(questionnaire, sectionCode, answers),
    errorList: errors.map((e) => ({ field: e.field, message: e.message })),
  };
}

/**
 * "Part 2 of 6" and the list of parts, as a fragment: its markup depends only
 * on the parts planned and which is current, the same for every agency there.
 */
function progressFragment(questionnaire: Questionnaire, sections: Section[], position: number): Fragment {
  return {
    scope: questionnaire,
    key: `${position}:${sections.map((s) => s.code).join(",")}`,
    view: () => ({
      partial: "survey-progress",
      current: position + 1,
      total: sections.length,
      steps: sections.map((s, i) => ({ code: s.code, title: s.title, current: i === position, done: i < position })),
    }),
  };
}
