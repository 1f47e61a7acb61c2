// What the skip-logic SQL looks like: the bases depend on it, and shared
// conditions must be written once, not once per level of nesting.
import { describe, expect, it } from "vitest";
import { findQuestion, lesm2016, type GridQuestion } from "../../../src/questionnaire/index.js";
import { sqlOf } from "../../../src/results/sql.js";
import { VisibilitySql } from "../../../src/results/visibility-sql.js";

describe("VisibilitySql", () => {
  const visibility = new VisibilitySql(lesm2016);

  it("asks questions without conditions of everyone", () => {
    expect(visibility.shown("STATE")).toBe("true");
    expect(visibility.shown("BARRIERS")).toBe("true");
  });

  it("turns the screener into one EXISTS on the screener's answer", () => {
    const shown = sqlOf(visibility.shown("WRITTEN_POLICY"));
    expect(shown.sql).toBe(
      "EXISTS (SELECT 1 FROM answers x WHERE x.response_id = r.id AND x.question_code = ? AND x.item_code = '' AND x.value_code = ?)",
    );
    expect(shown.values).toEqual(["USES_SOCIAL_MEDIA", "YES"]);
  });

  it("writes the screener as a list of response ids when asked to (SQLite's cross-tab)", () => {
    const shown = sqlOf(new VisibilitySql(lesm2016, "list").shown("WRITTEN_POLICY"));
    expect(shown.sql).toBe(
      "r.id IN (SELECT x.response_id FROM answers x WHERE x.question_code = ? AND x.item_code = '' AND x.value_code = ?)",
    );
    expect(shown.values).toEqual(["USES_SOCIAL_MEDIA", "YES"]);
  });

  it("writes the section's condition once when a question's own condition repeats it", () => {
    // IMPACT_METHODS: section USER, own MEASURES_IMPACT = YES, which itself needs USER
    const shown = sqlOf(visibility.shown("IMPACT_METHODS"));
    expect(shown.values).toEqual(["USES_SOCIAL_MEDIA", "YES", "MEASURES_IMPACT", "YES"]);
    expect(shown.sql.match(/EXISTS/g)).toHaveLength(2);
  });

  it("asks a rowsFrom grid row only of those who chose the option", () => {
    const grid = findQuestion(lesm2016, "POSTING_FREQUENCY") as GridQuestion;
    const shown = sqlOf(visibility.rowShown(grid, "TWITTER"));
    expect(shown.values).toEqual(["USES_SOCIAL_MEDIA", "YES", "PLATFORMS", "PLATFORMS", "TWITTER"]);
  });

  it("negates 'answered: false' and keeps 'not' meaningful", () => {
    const notAnswered = sqlOf(visibility.condition({ question: "PLATFORMS", answered: false }));
    expect(notAnswered.sql).toMatch(/^NOT \(EXISTS/);
    const range = sqlOf(visibility.condition({ question: "SWORN_OFFICERS", gte: 10, lte: 99 }));
    expect(range.sql).toContain("x.value_number >= ? AND x.value_number <= ?");
    expect(range.values).toEqual(["SWORN_OFFICERS", 10, 99]);
  });
});
