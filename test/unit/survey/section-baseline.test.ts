import { describe, expect, it } from "vitest";
import { lesm2016, type AnswerMap } from "../../../src/questionnaire/index.js";
import { sectionBaseline } from "../../../src/survey/section-baseline.js";

const baseline = (answers: AnswerMap) => sectionBaseline(lesm2016, "USE", answers);

const saved: AnswerMap = {
  YEAR_STARTED: { type: "number", value: 2011 },
  PLATFORMS: { type: "multiple", codes: ["FACEBOOK", "TWITTER"], other: "Nextdoor" },
  POSTING_FREQUENCY: { type: "grid", rows: { FACEBOOK: "DAILY", TWITTER: "WEEKLY" } },
};

describe("a section's baseline", () => {
  it("is the same for the same answers, whatever order their keys, rows and codes come in", () => {
    const reordered: AnswerMap = {
      POSTING_FREQUENCY: { type: "grid", rows: { TWITTER: "WEEKLY", FACEBOOK: "DAILY" } },
      PLATFORMS: { other: "Nextdoor", codes: ["TWITTER", "FACEBOOK"], type: "multiple" },
      YEAR_STARTED: { value: 2011, type: "number" },
    };
    expect(baseline(reordered)).toBe(baseline(saved));
    expect(baseline(saved)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("changes with any answer on the page, and not with answers on other pages", () => {
    const variants: AnswerMap[] = [
      { ...saved, YEAR_STARTED: { type: "number", value: 2012 } },
      { ...saved, PLATFORMS: { type: "multiple", codes: ["FACEBOOK", "TWITTER"] } },
      { ...saved, PLATFORMS: { type: "multiple", codes: ["FACEBOOK"], other: "Nextdoor" } },
      { ...saved, POSTING_FREQUENCY: { type: "grid", rows: { FACEBOOK: "DAILY", TWITTER: "DAILY" } } },
      { YEAR_STARTED: saved.YEAR_STARTED!, PLATFORMS: saved.PLATFORMS! },
      {},
    ];
    const all = new Set([baseline(saved), ...variants.map(baseline)]);
    expect(all.size).toBe(variants.length + 1);
    expect(baseline({ ...saved, SWORN_OFFICERS: { type: "number", value: 42 } })).toBe(baseline(saved));
  });

  it("cannot be imitated by text that spells out another answer", () => {
    const other = (text: string): AnswerMap => ({ PLATFORMS: { type: "multiple", codes: ["FACEBOOK"], other: text } });
    const forged = other(`x"\nYEAR_STARTED=n2011`);
    const real: AnswerMap = {
      PLATFORMS: { type: "multiple", codes: ["FACEBOOK"], other: "x" },
      YEAR_STARTED: { type: "number", value: 2011 },
    };
    expect(baseline(forged)).not.toBe(baseline(real));
  });
});
