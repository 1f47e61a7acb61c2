import { describe, expect, it } from "vitest";
import {
  MISSING_CODES,
  NOT_APPLICABLE,
  NO_ANSWER,
  buildCodebook,
  describeCondition,
  lesm2016,
  variableValues,
  versionHashOf,
  type CodebookVariable,
} from "../../../src/questionnaire/index.js";
import { nonUserAnswers, userAnswers } from "./fixtures.js";

const hash = versionHashOf(lesm2016);
const codebook = buildCodebook(lesm2016, hash);
const variable = (name: string): CodebookVariable => {
  const found = codebook.find((v) => v.variable === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
};

describe("buildCodebook", () => {
  it("lists unique variables in questionnaire order, each with the version and the missing codes", () => {
    expect(new Set(codebook.map((v) => v.variable)).size).toBe(codebook.length);
    expect(codebook.slice(0, 3).map((v) => v.variable)).toEqual(["STATE", "AGENCY_TYPE", "AGENCY_TYPE_OTHER_TEXT"]);
    expect(codebook.at(-1)?.variable).toBe("COMMENTS");
    for (const v of codebook) {
      expect(v.version).toBe(hash);
      expect(v.codes.slice(-2)).toEqual(MISSING_CODES);
    }
    expect(MISSING_CODES).toEqual([
      { value: -8, code: "NOT_APPLICABLE", label: "Not asked: skip logic" },
      { value: -9, code: "NO_ANSWER", label: "Asked, not answered" },
    ]);
  });

  it("codes a single choice with its options", () => {
    expect(variable("USES_SOCIAL_MEDIA")).toMatchObject({
      section: "AGENCY",
      questionCode: "USES_SOCIAL_MEDIA",
      itemCode: "",
      type: "categorical",
      codes: [{ value: 1, code: "YES", label: "Yes" }, { value: 2, code: "NO", label: "No" }, ...MISSING_CODES],
      skipCondition: "Always",
    });
  });

  it("gives a multiple choice one 0/1 variable per option, and one for the specify text", () => {
    const needs = codebook.filter((v) => v.questionCode === "NEEDS");
    expect(needs.map((v) => v.variable)).toEqual([
      "NEEDS_RESEARCH",
      "NEEDS_TRAINING",
      "NEEDS_RESOURCES",
      "NEEDS_MODEL_POLICIES",
      "NEEDS_PEER_NETWORKS",
      "NEEDS_TECHNOLOGY_TOOLS",
      "NEEDS_OTHER",
      "NEEDS_NONE",
      "NEEDS_OTHER_TEXT",
    ]);
    expect(variable("NEEDS_NONE")).toMatchObject({
      itemCode: "NONE",
      itemLabel: "None of these",
      type: "binary",
      codes: [
        { value: 1, code: "SELECTED", label: "Selected" },
        { value: 0, code: "NOT_SELECTED", label: "Not selected" },
        ...MISSING_CODES,
      ],
    });
    expect(variable("NEEDS_OTHER_TEXT")).toMatchObject({
      itemCode: "__other",
      type: "text",
      skipCondition: "Shown if NEEDS includes OTHER (Something else)",
    });
  });

  it("gives a grid one variable per row, and a rowsFrom grid one per option of its source", () => {
    const barriers = codebook.filter((v) => v.questionCode === "BARRIERS");
    expect(barriers).toHaveLength(9);
    expect(barriers[0]).toMatchObject({ variable: "BARRIERS_NEW_TRENDS", itemCode: "NEW_TRENDS", type: "categorical" });
    expect(barriers[0]?.codes.map((c) => c.value)).toEqual([1, 2, 3, 4, -8, -9]);
    const posting = codebook.filter((v) => v.questionCode === "POSTING_FREQUENCY");
    expect(posting.map((v) => v.itemCode)).toEqual([
      "FACEBOOK",
      "TWITTER",
      "YOUTUBE",
      "INSTAGRAM",
      "NEXTDOOR",
      "NIXLE",
      "LINKEDIN",
      "SNAPCHAT",
      "OTHER",
    ]);
    expect(variable("POSTING_FREQUENCY_NIXLE").skipCondition).toBe(
      "Shown if USES_SOCIAL_MEDIA = YES (Yes) and PLATFORMS is answered and PLATFORMS includes NIXLE (Nixle)",
    );
  });

  it("says when each question is asked", () => {
    expect(variable("STATE").skipCondition).toBe("Always");
    expect(variable("NONUSER_PLANS").skipCondition).toBe("Shown if USES_SOCIAL_MEDIA = NO (No)");
    expect(variable("YEAR_STARTED").skipCondition).toBe("Shown if USES_SOCIAL_MEDIA = YES (Yes)");
    expect(variable("IMPACT_METHODS_FOLLOWERS").skipCondition).toBe(
      "Shown if USES_SOCIAL_MEDIA = YES (Yes) and MEASURES_IMPACT = YES (Yes)",
    );
    expect(variable("SWORN_OFFICERS").notes).toBe("Whole number from 0 to 60,000 (sworn officers)");
    expect(variable("POLICY_UPLOAD").notes).toContain("up to 5 MiB");
  });
});

describe("describeCondition", () => {
  it("words every kind of condition, bracketing mixed groups", () => {
    const text = describeCondition(
      {
        all: [
          { question: "AGENCY_TYPE", in: ["SHERIFF", "COUNTY"] },
          {
            any: [
              { question: "SWORN_OFFICERS", gte: 10_000 },
              { not: { question: "POPULATION_SERVED", answered: true } },
            ],
          },
          { question: "YEAR_STARTED", gte: 2000, lte: 2010 },
          { question: "STAFF_HOURS", lte: 40 },
        ],
      },
      lesm2016,
    );
    expect(text).toBe(
      "AGENCY_TYPE is one of SHERIFF (Sheriff's office or department), COUNTY (County law enforcement agency)" +
        " and (SWORN_OFFICERS >= 10,000 or not (POPULATION_SERVED is answered))" +
        " and YEAR_STARTED is from 2000 to 2010 and STAFF_HOURS <= 40",
    );
  });
});

describe("variableValues", () => {
  it("tells 'not asked' (-8) from 'asked, not answered' (-9)", () => {
    const nonUser = variableValues(lesm2016, { ...nonUserAnswers, NEEDS: { type: "multiple", codes: ["TRAINING"] } });
    expect(nonUser.USES_SOCIAL_MEDIA).toBe(2);
    expect(nonUser.YEAR_STARTED).toBe(NOT_APPLICABLE);
    expect(nonUser.POSTING_FREQUENCY_FACEBOOK).toBe(NOT_APPLICABLE);
    expect(nonUser.POPULATION_SERVED).toBe(NO_ANSWER);
    expect(nonUser.NEEDS_TRAINING).toBe(1);
    expect(nonUser.NEEDS_NONE).toBe(0);
    expect(nonUser.NEEDS_OTHER_TEXT).toBe(NOT_APPLICABLE);
    const user = variableValues(lesm2016, userAnswers);
    expect(user.POSTING_FREQUENCY_FACEBOOK).toBe(2);
    expect(user.POSTING_FREQUENCY_YOUTUBE).toBe(NOT_APPLICABLE);
    expect(user.PLATFORMS_OTHER_TEXT).toBe("Periscope");
    expect(user.STAFF_HOURS).toBe(12.5);
    expect(user.POLICY_UPLOAD).toBe("policy.pdf");
    expect(user.COMMENTS).toBe(NO_ANSWER);
    expect(Object.keys(user)).toEqual(codebook.map((v) => v.variable));
  });
});
