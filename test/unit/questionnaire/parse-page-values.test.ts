import { describe, expect, it } from "vitest";
import { formValuesFor, lesm2016, parsePage, type AnswerMap } from "../../../src/questionnaire/index.js";
import { nonUserAnswers, tiny, userAnswers } from "./fixtures.js";

const two = (form: Record<string, unknown>) => parsePage(tiny, "TWO", form, {});
const errorsOn = (form: Record<string, unknown>, field: string) => two(form).errors.filter((e) => e.field === field);

describe("parsePage: whole numbers", () => {
  it.each([
    ["120", 120],
    [" 120 ", 120],
    ["0", 0],
    ["007", 7],
    ["60000", 60_000],
    ["60,000", 60_000],
    ["-0", 0],
  ])("reads %j as %d", (typed, value) => {
    const { answers, errors } = two({ q_COUNT: typed });
    expect(answers.COUNT).toEqual({ type: "number", value });
    expect(errors.filter((e) => e.field === "q_COUNT")).toEqual([]);
  });

  it.each([
    "abc",
    "12.5",
    "12.0",
    "1e3",
    "-1",
    "60001",
    "99999999999999999999",
    "1,2,3",
    "0x10",
    "+5",
    "Infinity",
    "NaN",
    "٣",
  ])("refuses %j", (typed) => {
    const { answers, errors } = two({ q_COUNT: typed });
    expect(answers).not.toHaveProperty("COUNT");
    expect(errors.filter((e) => e.field === "q_COUNT")).toEqual([
      {
        field: "q_COUNT",
        questionCode: "COUNT",
        sectionCode: "TWO",
        kind: "invalid",
        message: "Enter a whole number from 0 to 60,000",
      },
    ]);
  });

  it("refuses non-strings and reports a required number left empty", () => {
    for (const value of [["1", "2"], { n: 1 }, 5, true]) {
      expect(errorsOn({ q_COUNT: value }, "q_COUNT")).toEqual([expect.objectContaining({ kind: "invalid" })]);
    }
    expect(errorsOn({ q_COUNT: "" }, "q_COUNT")).toEqual([
      expect.objectContaining({ kind: "required", message: "Enter a whole number from 0 to 60,000" }),
    ]);
  });

  it("speaks of years for a year", () => {
    const { errors } = parsePage(lesm2016, "USE", { q_YEAR_STARTED: "1989" }, userAnswers);
    expect(errors.find((e) => e.field === "q_YEAR_STARTED")?.message).toBe("Enter a year from 1990 to 2016");
  });
});

describe("parsePage: decimals", () => {
  it.each([
    ["12.5", 12.5],
    [".5", 0.5],
    ["400", 400],
    ["0.25", 0.25],
  ])("reads %j", (typed, value) => {
    expect(two({ q_HOURS: typed }).answers.HOURS).toEqual({ type: "number", value });
  });

  it.each(["400.01", "-0.5", "1e2", "12,5", "abc", "1.2.3", ".", "-"])("refuses %j", (typed) => {
    expect(errorsOn({ q_HOURS: typed }, "q_HOURS")).toEqual([
      expect.objectContaining({ kind: "invalid", message: "Enter a number from 0 to 400" }),
    ]);
  });

  it("leaves an optional number unanswered without an error", () => {
    expect(errorsOn({ q_HOURS: "  " }, "q_HOURS")).toEqual([]);
    expect(two({}).answers).not.toHaveProperty("HOURS");
  });
});

describe("parsePage: text", () => {
  it("trims and keeps text within its length", () => {
    expect(two({ q_NAME: "  Chief  " }).answers.NAME).toEqual({ type: "text", value: "Chief" });
    expect(two({ q_NAME: "x".repeat(10) }).answers.NAME).toEqual({ type: "text", value: "x".repeat(10) });
  });

  it("refuses over-long text, saying by how much", () => {
    expect(errorsOn({ q_NAME: "x".repeat(11) }, "q_NAME")).toEqual([
      expect.objectContaining({ kind: "invalid", message: "Use 10 characters or fewer (this answer has 11)" }),
    ]);
    expect(two({ q_NAME: "x".repeat(11) }).answers).not.toHaveProperty("NAME");
  });

  it("removes characters databases refuse, and line breaks from a one-line answer", () => {
    expect(two({ q_NAME: "a\u0000b\u0007c" }).answers.NAME).toEqual({ type: "text", value: "abc" });
    expect(two({ q_NAME: "a\r\n b" }).answers.NAME).toEqual({ type: "text", value: "a b" });
    expect(two({ q_NOTE: "line 1\r\nline 2\ud800" }).answers.NOTE).toEqual({
      type: "text",
      value: "line 1\nline 2\ufffd",
    });
  });

  it("counts a browser's CRLF as one character", () => {
    const note = `${"a".repeat(24)}\r\n${"b".repeat(25)}`;
    expect(two({ q_NOTE: note }).answers.NOTE).toEqual({ type: "text", value: note.replace("\r\n", "\n") });
  });

  it("refuses a list or an object for text", () => {
    expect(errorsOn({ q_NOTE: ["a", "b"] }, "q_NOTE")).toHaveLength(1);
    expect(errorsOn({ q_NAME: { a: 1 } }, "q_NAME")).toHaveLength(1);
  });

  it("never reads a file question from the form", () => {
    const page = two({ q_COUNT: "3", q_DOC: "policy.pdf" });
    expect(page.answers).not.toHaveProperty("DOC");
    expect(page.errors).toEqual([]);
  });
});

describe("values to redisplay", () => {
  it("echo what was typed, valid or not, without foreign keys", () => {
    const { values } = parsePage(
      lesm2016,
      "USE",
      {
        _csrf: "t",
        q_YEAR_STARTED: "19x5",
        q_PLATFORMS: "FACEBOOK",
        q_PLATFORMS__other: "Periscope",
        q_POSTING_FREQUENCY__FACEBOOK: "DAILY",
        q_PURPOSES: ["SOLICIT_TIPS", { bad: 1 }],
        q_EVIDENCE_REQUEST: ["YES", "NO"],
      },
      userAnswers,
    );
    expect(values).toEqual({
      q_YEAR_STARTED: "19x5",
      q_PLATFORMS: ["FACEBOOK"],
      q_PLATFORMS__other: "Periscope",
      q_POSTING_FREQUENCY__FACEBOOK: "DAILY",
      q_PURPOSES: ["SOLICIT_TIPS"],
    });
  });

  it("formValuesFor turns stored answers back into the form that gives them", () => {
    for (const answers of [userAnswers, nonUserAnswers]) {
      for (const section of lesm2016.sections) {
        const form = formValuesFor(lesm2016, section.code, answers);
        const page = parsePage(lesm2016, section.code, form, answers);
        const expected: AnswerMap = Object.fromEntries(
          section.questions
            .filter((q) => q.type !== "file" && answers[q.code] !== undefined)
            .map((q) => [q.code, answers[q.code]!]),
        );
        expect(page.answers).toEqual(expected);
        expect(page.errors).toEqual([]);
      }
    }
    expect(formValuesFor(tiny, "TWO", { HOURS: { type: "number", value: 1e-7 } })).toEqual({ q_HOURS: "0.0000001" });
  });
});
