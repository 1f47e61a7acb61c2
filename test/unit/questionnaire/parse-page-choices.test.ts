import { describe, expect, it } from "vitest";
import { lesm2016, parsePage, type AnswerMap, type FieldError } from "../../../src/questionnaire/index.js";
import { tiny, userAnswers } from "./fixtures.js";

const agency = (form: Record<string, unknown>) => parsePage(lesm2016, "AGENCY", form, {});
const use = (form: Record<string, unknown>, soFar: AnswerMap = userAnswers) => parsePage(lesm2016, "USE", form, soFar);
const errorOn = (errors: FieldError[], field: string) => errors.filter((e) => e.field === field);

describe("parsePage: single choice", () => {
  it("reads an option code", () => {
    const { answers, errors } = agency({ q_STATE: "VA", q_USES_SOCIAL_MEDIA: " YES " });
    expect(answers.STATE).toEqual({ type: "single", code: "VA" });
    expect(answers.USES_SOCIAL_MEDIA).toEqual({ type: "single", code: "YES" });
    expect(errorOn(errors, "q_STATE")).toEqual([]);
  });

  it.each([
    ["an unknown option", "ZZ", "Choose only from the options listed"],
    ["an array", ["VA", "MD"], "Choose one of the options"],
    ["an object", { code: "VA" }, "Choose one of the options"],
    ["a number", 47, "Choose one of the options"],
  ])("refuses %s with an error on the field", (_what, value, message) => {
    const { answers, errors } = agency({ q_STATE: value });
    expect(answers).not.toHaveProperty("STATE");
    expect(errorOn(errors, "q_STATE")).toEqual([
      { field: "q_STATE", questionCode: "STATE", sectionCode: "AGENCY", kind: "invalid", message },
    ]);
  });

  it("reports a required question left empty, or blank", () => {
    for (const form of [{}, { q_STATE: "" }, { q_STATE: "   " }]) {
      expect(errorOn(agency(form).errors, "q_STATE")).toEqual([
        expect.objectContaining({ kind: "required", message: "Choose one of the options" }),
      ]);
    }
  });

  it("requires the specify text with the other option, and drops it without", () => {
    const missing = agency({ q_AGENCY_TYPE: "OTHER", q_AGENCY_TYPE__other: "  " });
    expect(missing.answers).not.toHaveProperty("AGENCY_TYPE");
    expect(errorOn(missing.errors, "q_AGENCY_TYPE__other")).toEqual([
      expect.objectContaining({ questionCode: "AGENCY_TYPE", message: "Describe “Other type of agency” in the box" }),
    ]);
    const given = agency({ q_AGENCY_TYPE: "OTHER", q_AGENCY_TYPE__other: "  Port authority " });
    expect(given.answers.AGENCY_TYPE).toEqual({ type: "single", code: "OTHER", other: "Port authority" });
    const dropped = agency({ q_AGENCY_TYPE: "SHERIFF", q_AGENCY_TYPE__other: "Port authority" });
    expect(dropped.answers.AGENCY_TYPE).toEqual({ type: "single", code: "SHERIFF" });
  });

  it("refuses an over-long or non-text specify text", () => {
    const long = agency({ q_AGENCY_TYPE: "OTHER", q_AGENCY_TYPE__other: "x".repeat(501) });
    expect(errorOn(long.errors, "q_AGENCY_TYPE__other")[0]?.message).toBe(
      "Use 500 characters or fewer (this answer has 501)",
    );
    const list = agency({ q_AGENCY_TYPE: "OTHER", q_AGENCY_TYPE__other: ["a", "b"] });
    expect(errorOn(list.errors, "q_AGENCY_TYPE__other")).toHaveLength(1);
    expect(list.answers).not.toHaveProperty("AGENCY_TYPE");
  });
});

describe("parsePage: multiple choice", () => {
  it("reads one value or repeated keys, in the options' order, once each", () => {
    expect(use({ q_PLATFORMS: "YOUTUBE" }).answers.PLATFORMS).toEqual({ type: "multiple", codes: ["YOUTUBE"] });
    expect(use({ q_PLATFORMS: ["NIXLE", "FACEBOOK", "NIXLE", ""] }).answers.PLATFORMS).toEqual({
      type: "multiple",
      codes: ["FACEBOOK", "NIXLE"],
    });
  });

  it.each([
    ["an unknown option", ["FACEBOOK", "MYSPACE"]],
    ["an object", { FACEBOOK: "on" }],
    ["an object in the list", ["FACEBOOK", { x: 1 }]],
    ["a number", 3],
  ])("refuses %s", (_what, value) => {
    const { answers, errors } = use({ q_PLATFORMS: value });
    expect(answers).not.toHaveProperty("PLATFORMS");
    expect(errorOn(errors, "q_PLATFORMS")).toEqual([
      expect.objectContaining({ kind: "invalid", message: "Choose only from the options listed" }),
    ]);
  });

  it("does not combine an exclusive option with others, but takes it alone", () => {
    const combined = parsePage(lesm2016, "NEEDS", { q_NEEDS: ["TRAINING", "NONE"] }, userAnswers);
    expect(combined.answers).not.toHaveProperty("NEEDS");
    expect(errorOn(combined.errors, "q_NEEDS")[0]?.message).toBe(
      "“None of these” cannot be combined with other options",
    );
    const alone = parsePage(lesm2016, "NEEDS", { q_NEEDS: "NONE" }, userAnswers);
    expect(alone.answers.NEEDS).toEqual({ type: "multiple", codes: ["NONE"] });
    expect(alone.errors).toEqual([]);
  });

  it("enforces minSelected, except for an exclusive option alone", () => {
    const yes = { q_A: "YES" };
    expect(errorOn(parsePage(tiny, "ONE", { ...yes, q_B: "RED" }, {}).errors, "q_B")[0]?.message).toBe(
      "Choose at least 2 options",
    );
    expect(parsePage(tiny, "ONE", { ...yes, q_B: "NONE" }, {}).answers.B).toEqual({
      type: "multiple",
      codes: ["NONE"],
    });
    expect(errorOn(parsePage(tiny, "ONE", yes, {}).errors, "q_B")).toEqual([
      expect.objectContaining({ kind: "required", message: "Choose at least 2 options" }),
    ]);
  });

  it("requires at least one for a required question, and the specify text with other", () => {
    expect(errorOn(use({ q_PURPOSES: [] }).errors, "q_PURPOSES")[0]).toMatchObject({
      kind: "required",
      message: "Choose at least one option",
    });
    const other = use({ q_PLATFORMS: ["FACEBOOK", "OTHER"] });
    expect(other.answers).not.toHaveProperty("PLATFORMS");
    expect(errorOn(other.errors, "q_PLATFORMS__other")[0]?.message).toBe("Describe “Another platform” in the box");
  });
});

describe("parsePage: grids", () => {
  it("asks about the platforms chosen, on an earlier page or on this one", () => {
    const earlier = use({ q_POSTING_FREQUENCY__FACEBOOK: "DAILY", q_PLATFORMS: "FACEBOOK" });
    expect(earlier.answers.POSTING_FREQUENCY).toEqual({ type: "grid", rows: { FACEBOOK: "DAILY" } });
    const samePage = parsePage(
      tiny,
      "ONE",
      { q_A: "YES", q_B: ["RED", "BLUE"], q_C__RED: "LOW", q_C__BLUE: "HIGH", q_C__NONE: "LOW", q_C__OTHER: "LOW" },
      {},
    );
    expect(samePage.answers.C).toEqual({ type: "grid", rows: { RED: "LOW", BLUE: "HIGH" } });
    expect(samePage.errors).toEqual([]);
  });

  it("reports each required row left empty but keeps the rows answered", () => {
    const { answers, errors } = use({
      q_PLATFORMS: ["FACEBOOK", "TWITTER", "NIXLE"],
      q_POSTING_FREQUENCY__TWITTER: "WEEKLY",
    });
    expect(answers.POSTING_FREQUENCY).toEqual({ type: "grid", rows: { TWITTER: "WEEKLY" } });
    expect(errors.filter((e) => e.questionCode === "POSTING_FREQUENCY")).toEqual([
      expect.objectContaining({
        field: "q_POSTING_FREQUENCY__FACEBOOK",
        kind: "required",
        message: "Choose an answer for “Facebook”",
      }),
      expect.objectContaining({
        field: "q_POSTING_FREQUENCY__NIXLE",
        kind: "required",
        message: "Choose an answer for “Nixle”",
      }),
    ]);
  });

  it("refuses an unknown column or a list for a row, and keeps nothing of that grid", () => {
    for (const value of ["HOURLY", ["DAILY", "WEEKLY"], { a: 1 }]) {
      const { answers, errors } = use({
        q_PLATFORMS: ["FACEBOOK", "TWITTER"],
        q_POSTING_FREQUENCY__FACEBOOK: "DAILY",
        q_POSTING_FREQUENCY__TWITTER: value,
      });
      expect(answers).not.toHaveProperty("POSTING_FREQUENCY");
      expect(errorOn(errors, "q_POSTING_FREQUENCY__TWITTER")).toEqual([expect.objectContaining({ kind: "invalid" })]);
    }
  });
});

describe("parsePage: what is not shown or not ours", () => {
  it("ignores questions that skip logic hides, on this page or in a skipped section", () => {
    const page = parsePage(
      lesm2016,
      "MANAGEMENT",
      { q_MEASURES_IMPACT: "NO", q_IMPACT_METHODS: ["NOT_AN_OPTION"], q_IMPACT_METHODS__other: "x" },
      userAnswers,
    );
    expect(page.answers).not.toHaveProperty("IMPACT_METHODS");
    expect(page.errors.filter((e) => e.questionCode === "IMPACT_METHODS")).toEqual([]);
    const skipped = use(
      { q_YEAR_STARTED: "abc", q_PLATFORMS: "FACEBOOK" },
      { USES_SOCIAL_MEDIA: { type: "single", code: "NO" } },
    );
    expect(skipped).toMatchObject({ answers: {}, errors: [] });
  });

  it("ignores keys that are not questions, and never reads inherited properties", () => {
    const form = Object.assign(Object.create(null) as Record<string, unknown>, {
      _csrf: "token",
      _action: "next",
      revision: "3",
      q_NOT_A_QUESTION: "x",
      q_STATE: "VA",
    });
    expect(Object.keys(agency(form).answers)).toEqual(["STATE"]);
    expect(agency({ constructor: "x", toString: "y" }).answers).toEqual({});
  });

  it("throws only for a section the questionnaire does not have", () => {
    expect(() => parsePage(lesm2016, "NOPE", {}, {})).toThrow(RangeError);
  });
});
