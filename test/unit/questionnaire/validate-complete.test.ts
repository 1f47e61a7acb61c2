import { describe, expect, it } from "vitest";
import { lesm2016, validateComplete, type AnswerMap } from "../../../src/questionnaire/index.js";
import { nonUserAnswers, tiny, userAnswers } from "./fixtures.js";

describe("validateComplete", () => {
  it("accepts a complete user and a complete non-user", () => {
    expect(validateComplete(lesm2016, userAnswers)).toEqual([]);
    expect(validateComplete(lesm2016, nonUserAnswers)).toEqual([]);
  });

  it("lists what is missing in questionnaire order, with sections, starting with the first page", () => {
    const errors = validateComplete(lesm2016, {});
    expect(errors[0]).toEqual({
      field: "q_STATE",
      questionCode: "STATE",
      sectionCode: "AGENCY",
      kind: "required",
      message: "Choose one of the options",
    });
    // without the screener answered, only what every agency answers is required
    expect(errors.map((e) => e.questionCode)).toEqual([
      "STATE",
      "AGENCY_TYPE",
      "SWORN_OFFICERS",
      "RESPONDENT_ROLE",
      "USES_SOCIAL_MEDIA",
      "BARRIERS",
      "NEEDS",
    ]);
  });

  it("does not count stale answers that skip logic no longer applies", () => {
    const switched: AnswerMap = { ...userAnswers, USES_SOCIAL_MEDIA: { type: "single", code: "NO" } };
    expect(validateComplete(lesm2016, switched).map((e) => e.questionCode)).toEqual([
      "NONUSER_REASONS",
      "NONUSER_PLANS",
    ]);
  });

  it("points at the first unanswered row of a grid", () => {
    const one: AnswerMap = {
      ...userAnswers,
      POSTING_FREQUENCY: { type: "grid", rows: { FACEBOOK: "DAILY", TWITTER: "DAILY" } },
    };
    expect(validateComplete(lesm2016, one)).toEqual([
      expect.objectContaining({
        field: "q_POSTING_FREQUENCY__OTHER",
        sectionCode: "USE",
        message: "Choose an answer for “Another platform”",
      }),
    ]);
    const { BARRIERS: _barriers, ...rest } = userAnswers;
    const partial: AnswerMap = { ...rest, BARRIERS: { type: "grid", rows: { NEW_TRENDS: "MAJOR" } } };
    expect(validateComplete(lesm2016, partial)).toEqual([
      expect.objectContaining({
        field: "q_BARRIERS__MEASURING_IMPACT",
        message: "Choose an answer in every row (8 left)",
      }),
    ]);
  });

  it("treats a required file question that applies as missing until uploaded", () => {
    const base: AnswerMap = {
      A: { type: "single", code: "NO" },
      COUNT: { type: "number", value: 2 },
    };
    expect(validateComplete(tiny, base)).toEqual([
      { field: "q_DOC", questionCode: "DOC", sectionCode: "TWO", kind: "required", message: "Upload a file" },
    ]);
    expect(validateComplete(tiny, { ...base, DOC: { type: "file", fileId: 1, filename: "a.pdf", size: 10 } })).toEqual(
      [],
    );
    expect(validateComplete(tiny, { ...base, COUNT: { type: "number", value: 0 } })).toEqual([]);
  });
});
