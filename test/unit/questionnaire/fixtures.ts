// Small definitions and answer sets shared by the questionnaire unit tests.
import {
  lesm2016Definition,
  loadDefinition,
  type AnswerMap,
  type QuestionnaireInput,
  type SectionInput,
} from "../../../src/questionnaire/index.js";

export type QuestionInput = SectionInput["questions"][number];

/** A deep copy of the shipped instrument, to break in one place. */
export function lesmCopy(): QuestionnaireInput {
  return structuredClone(lesm2016Definition);
}

export function questionIn(definition: QuestionnaireInput, code: string): QuestionInput {
  for (const section of definition.sections) {
    const question = section.questions.find((q) => q.code === code);
    if (question) return question;
  }
  throw new Error(`no question ${code} in the fixture`);
}

/** One question of every type, with a chain A -> B -> C of skips and a rowsFrom grid over a list with "None". */
export const tinyDefinition: QuestionnaireInput = {
  code: "tiny",
  title: "Tiny",
  versionLabel: "1",
  reconstructionNote: "",
  estimatedMinutes: 1,
  sponsor: "Tests",
  sections: [
    {
      code: "ONE",
      title: "One",
      questions: [
        {
          code: "A",
          type: "single",
          text: "A?",
          required: true,
          options: [
            { code: "YES", label: "Yes", value: 1 },
            { code: "NO", label: "No", value: 2 },
          ],
        },
        {
          code: "B",
          type: "multiple",
          text: "B?",
          required: true,
          showIf: { question: "A", equals: "YES" },
          options: [
            { code: "RED", label: "Red", value: 1 },
            { code: "BLUE", label: "Blue", value: 2 },
            { code: "OTHER", label: "Other colour", value: 3 },
            { code: "NONE", label: "None of these", value: 4 },
          ],
          exclusive: ["NONE"],
          otherOption: "OTHER",
          minSelected: 2,
        },
        {
          code: "C",
          type: "grid",
          text: "C?",
          required: true,
          showIf: { question: "B", answered: true },
          rowsFrom: "B",
          columns: [
            { code: "LOW", label: "Low", value: 1 },
            { code: "HIGH", label: "High", value: 2 },
          ],
        },
      ],
    },
    {
      code: "TWO",
      title: "Two",
      questions: [
        { code: "COUNT", type: "integer", text: "Count?", required: true, min: 0, max: 60_000 },
        { code: "HOURS", type: "decimal", text: "Hours?", required: false, min: 0, max: 400 },
        { code: "NAME", type: "text", text: "Name?", required: false, maxLength: 10 },
        { code: "NOTE", type: "longtext", text: "Note?", required: false, maxLength: 50 },
        {
          code: "DOC",
          type: "file",
          text: "Doc?",
          required: true,
          showIf: { question: "COUNT", gte: 1 },
          accept: ["application/pdf"],
          maxBytes: 1024,
        },
      ],
    },
  ],
};

export const tiny = loadDefinition(tinyDefinition);

/** A complete set of answers of an agency that uses social media. */
export const userAnswers: AnswerMap = {
  STATE: { type: "single", code: "VA" },
  AGENCY_TYPE: { type: "single", code: "MUNICIPAL" },
  SWORN_OFFICERS: { type: "number", value: 120 },
  RESPONDENT_ROLE: { type: "single", code: "PIO" },
  USES_SOCIAL_MEDIA: { type: "single", code: "YES" },
  YEAR_STARTED: { type: "number", value: 2009 },
  PLATFORMS: { type: "multiple", codes: ["FACEBOOK", "TWITTER", "OTHER"], other: "Periscope" },
  PURPOSES: { type: "multiple", codes: ["SAFETY_NOTICES", "SOLICIT_TIPS"] },
  POSTING_FREQUENCY: { type: "grid", rows: { FACEBOOK: "DAILY", TWITTER: "SEVERAL_A_DAY", OTHER: "MONTHLY" } },
  EVIDENCE_REQUEST: { type: "single", code: "YES" },
  MANAGED_BY: { type: "multiple", codes: ["PIO"] },
  STAFF_HOURS: { type: "number", value: 12.5 },
  WRITTEN_POLICY: { type: "single", code: "YES" },
  POLICY_UPLOAD: { type: "file", fileId: 7, filename: "policy.pdf", size: 2048 },
  POST_APPROVAL: { type: "single", code: "PIO" },
  MEASURES_IMPACT: { type: "single", code: "YES" },
  IMPACT_METHODS: { type: "multiple", codes: ["PLATFORM_ANALYTICS"] },
  TRAINING: { type: "single", code: "INTERNAL" },
  TONE: { type: "single", code: "BALANCED" },
  TONE_VARIES: { type: "single", code: "NO" },
  HUMOR: { type: "single", code: "SOMETIMES" },
  RESPONDS_TO_COMMENTS: { type: "single", code: "MOST" },
  BARRIERS: {
    type: "grid",
    rows: {
      NEW_TRENDS: "MAJOR",
      MEASURING_IMPACT: "MODERATE",
      TRAINING_PERSONNEL: "MODERATE",
      STAFF_TIME: "MINOR",
      RESOURCES: "MINOR",
      SECURITY: "NOT_A_BARRIER",
      LEGAL: "NOT_A_BARRIER",
      PUBLIC_CRITICISM: "MINOR",
      LEADERSHIP_SUPPORT: "NOT_A_BARRIER",
    },
  },
  NEEDS: { type: "multiple", codes: ["TRAINING", "MODEL_POLICIES"] },
};

/** The same agency's answers had it said it does not use social media. */
export const nonUserAnswers: AnswerMap = {
  STATE: { type: "single", code: "MT" },
  AGENCY_TYPE: { type: "single", code: "SHERIFF" },
  SWORN_OFFICERS: { type: "number", value: 6 },
  RESPONDENT_ROLE: { type: "single", code: "CHIEF_EXECUTIVE" },
  USES_SOCIAL_MEDIA: { type: "single", code: "NO" },
  NONUSER_REASONS: { type: "multiple", codes: ["STAFF_TIME", "NOT_APPROPRIATE"] },
  NONUSER_PLANS: { type: "single", code: "UNDECIDED" },
  BARRIERS: userAnswers.BARRIERS!,
  NEEDS: { type: "multiple", codes: ["NONE"] },
};
