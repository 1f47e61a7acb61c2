import { describe, expect, it } from "vitest";
import {
  evaluate,
  findSection,
  gridRowsFor,
  isQuestionShown,
  isSectionShown,
  lesm2016,
  relevantAnswers,
  visibleQuestions,
  type AnswerMap,
  type GridQuestion,
  type Questionnaire,
  type Section,
} from "../../../src/questionnaire/index.js";
import { nonUserAnswers, tiny, userAnswers } from "./fixtures.js";

function section(questionnaire: Questionnaire, code: string): Section {
  const found = findSection(questionnaire, code);
  if (!found) throw new Error(`no section ${code}`);
  return found;
}

function grid(questionnaire: Questionnaire, sectionCode: string, code: string): GridQuestion {
  const q = section(questionnaire, sectionCode).questions.find((x) => x.code === code);
  if (q?.type !== "grid") throw new Error(`${code} is not a grid`);
  return q;
}

const shownSections = (answers: AnswerMap) =>
  lesm2016.sections.filter((s) => isSectionShown(s, answers)).map((s) => s.code);
const visibleCodes = (code: string, answers: AnswerMap) =>
  visibleQuestions(section(lesm2016, code), answers).map((q) => q.code);

describe("the screener", () => {
  it("sends a non-user past use, management and tone, through its own block", () => {
    expect(shownSections(nonUserAnswers)).toEqual(["AGENCY", "BARRIERS", "NEEDS"]);
    expect(visibleCodes("AGENCY", nonUserAnswers)).toContain("NONUSER_REASONS");
    expect(visibleCodes("AGENCY", nonUserAnswers)).toContain("NONUSER_PLANS");
    expect(visibleCodes("USE", nonUserAnswers)).toEqual([]);
  });

  it("shows users every section but not the non-user block", () => {
    expect(shownSections(userAnswers)).toEqual(["AGENCY", "USE", "MANAGEMENT", "TONE", "BARRIERS", "NEEDS"]);
    expect(visibleCodes("AGENCY", userAnswers)).not.toContain("NONUSER_REASONS");
    expect(visibleCodes("MANAGEMENT", userAnswers)).toContain("POLICY_UPLOAD");
  });

  it("hides the follow-ups until their question is answered that way", () => {
    const management = section(lesm2016, "MANAGEMENT");
    const upload = management.questions.find((q) => q.code === "POLICY_UPLOAD")!;
    const drafting: AnswerMap = { ...userAnswers, WRITTEN_POLICY: { type: "single", code: "DRAFTING" } };
    expect(isQuestionShown(management, upload, userAnswers)).toBe(true);
    expect(isQuestionShown(management, upload, drafting)).toBe(false);
    expect(
      isQuestionShown(management, upload, { ...userAnswers, USES_SOCIAL_MEDIA: { type: "single", code: "NO" } }),
    ).toBe(false);
    expect(
      visibleCodes("MANAGEMENT", { ...userAnswers, MEASURES_IMPACT: { type: "single", code: "NO" } }),
    ).not.toContain("IMPACT_METHODS");
  });
});

describe("gridRowsFor", () => {
  it("makes the posting grid's rows the platforms chosen, in the list's order", () => {
    const answers: AnswerMap = { PLATFORMS: { type: "multiple", codes: ["NIXLE", "FACEBOOK"] } };
    const rows = gridRowsFor(grid(lesm2016, "USE", "POSTING_FREQUENCY"), answers, lesm2016);
    expect(rows.map((r) => r.code)).toEqual(["FACEBOOK", "NIXLE"]);
    expect(gridRowsFor(grid(lesm2016, "USE", "POSTING_FREQUENCY"), {}, lesm2016)).toEqual([]);
  });

  it("never makes an exclusive 'None' a row, and keeps fixed rows as they are", () => {
    const c = grid(tiny, "ONE", "C");
    expect(gridRowsFor(c, { B: { type: "multiple", codes: ["NONE"] } }, tiny)).toEqual([]);
    expect(gridRowsFor(c, { B: { type: "multiple", codes: ["BLUE", "NONE"] } }, tiny).map((r) => r.code)).toEqual([
      "BLUE",
    ]);
    expect(gridRowsFor(grid(lesm2016, "BARRIERS", "BARRIERS"), {}, lesm2016)).toHaveLength(9);
  });
});

describe("relevantAnswers", () => {
  it("keeps a consistent set of answers as it is", () => {
    expect(relevantAnswers(lesm2016, userAnswers)).toEqual(userAnswers);
    expect(relevantAnswers(lesm2016, nonUserAnswers)).toEqual(nonUserAnswers);
  });

  it("drops use, management and tone when the agency goes back and says it has no social media", () => {
    const changed: AnswerMap = { ...userAnswers, USES_SOCIAL_MEDIA: { type: "single", code: "NO" } };
    const kept = relevantAnswers(lesm2016, changed);
    expect(Object.keys(kept).sort()).toEqual(
      ["STATE", "AGENCY_TYPE", "SWORN_OFFICERS", "RESPONDENT_ROLE", "USES_SOCIAL_MEDIA", "BARRIERS", "NEEDS"].sort(),
    );
    const back = relevantAnswers(lesm2016, { ...nonUserAnswers, USES_SOCIAL_MEDIA: { type: "single", code: "YES" } });
    expect(back).not.toHaveProperty("NONUSER_REASONS");
    expect(back).not.toHaveProperty("NONUSER_PLANS");
  });

  it("resolves a chain of skips: A hides B, and so C which depends on B", () => {
    const answers: AnswerMap = {
      A: { type: "single", code: "NO" },
      B: { type: "multiple", codes: ["RED", "BLUE"] },
      C: { type: "grid", rows: { RED: "LOW" } },
      COUNT: { type: "number", value: 3 },
    };
    expect(relevantAnswers(tiny, answers)).toEqual({ A: answers.A, COUNT: answers.COUNT });
  });

  it("drops grid rows no longer chosen, and a grid left with none", () => {
    const answers: AnswerMap = {
      ...userAnswers,
      PLATFORMS: { type: "multiple", codes: ["TWITTER", "INSTAGRAM"] },
    };
    expect(relevantAnswers(lesm2016, answers).POSTING_FREQUENCY).toEqual({
      type: "grid",
      rows: { TWITTER: "SEVERAL_A_DAY" },
    });
    const none = relevantAnswers(lesm2016, { ...answers, PLATFORMS: { type: "multiple", codes: ["YOUTUBE"] } });
    expect(none).not.toHaveProperty("POSTING_FREQUENCY");
  });

  it("drops an 'other' text whose option is no longer chosen, and answers of the wrong type or unknown questions", () => {
    const kept = relevantAnswers(lesm2016, {
      ...userAnswers,
      PLATFORMS: { type: "multiple", codes: ["FACEBOOK"], other: "Periscope" },
      AGENCY_TYPE: { type: "single", code: "SHERIFF", other: "stale" },
      STATE: { type: "number", value: 3 },
      NOT_A_QUESTION: { type: "text", value: "x" },
    });
    expect(kept.PLATFORMS).toEqual({ type: "multiple", codes: ["FACEBOOK"] });
    expect(kept.AGENCY_TYPE).toEqual({ type: "single", code: "SHERIFF" });
    expect(kept).not.toHaveProperty("STATE");
    expect(kept).not.toHaveProperty("NOT_A_QUESTION");
  });
});

describe("evaluate", () => {
  const answers: AnswerMap = {
    A: { type: "single", code: "YES" },
    B: { type: "multiple", codes: ["RED", "OTHER"], other: "teal" },
    COUNT: { type: "number", value: 10 },
  };
  const yes = { question: "A", equals: "YES" };
  const red = { question: "B", includes: "RED" };
  const blue = { question: "B", includes: "BLUE" };

  it("compares single, multiple and number answers", () => {
    expect(evaluate(yes, answers)).toBe(true);
    expect(evaluate({ question: "A", equals: "NO" }, answers)).toBe(false);
    expect(evaluate({ question: "A", in: ["NO", "YES"] }, answers)).toBe(true);
    expect(evaluate(red, answers)).toBe(true);
    expect(evaluate(blue, answers)).toBe(false);
    expect(evaluate({ question: "COUNT", gte: 10 }, answers)).toBe(true);
    expect(evaluate({ question: "COUNT", gte: 1, lte: 9 }, answers)).toBe(false);
    expect(evaluate({ question: "COUNT", lte: 10 }, answers)).toBe(true);
  });

  it("treats an unanswered question as matching nothing, which `not` turns around", () => {
    expect(evaluate({ question: "HOURS", gte: 0 }, answers)).toBe(false);
    expect(evaluate({ question: "HOURS", answered: false }, answers)).toBe(true);
    expect(evaluate({ question: "A", answered: true }, answers)).toBe(true);
    expect(evaluate({ not: { question: "NAME", equals: "YES" } }, {})).toBe(true);
    expect(evaluate({ question: "B", answered: true }, { B: { type: "multiple", codes: [] } })).toBe(false);
  });

  it("combines with all, any and not", () => {
    expect(evaluate({ all: [yes, red] }, answers)).toBe(true);
    expect(evaluate({ all: [yes, blue] }, answers)).toBe(false);
    expect(evaluate({ any: [blue, red] }, answers)).toBe(true);
    expect(evaluate({ any: [blue, { not: yes }] }, answers)).toBe(false);
    expect(evaluate({ not: { all: [yes, blue] } }, answers)).toBe(true);
    expect(evaluate({ all: [yes, { any: [blue, { not: { question: "COUNT", lte: 5 } }] }] }, answers)).toBe(true);
  });

  it("never reads inherited properties as answers", () => {
    expect(evaluate({ question: "constructor", answered: true }, {})).toBe(false);
  });
});
