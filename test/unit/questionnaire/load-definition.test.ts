import { describe, expect, it } from "vitest";
import {
  DefinitionError,
  loadDefinition,
  type Condition,
  type QuestionnaireInput,
} from "../../../src/questionnaire/index.js";
import { lesmCopy, questionIn, tinyDefinition } from "./fixtures.js";

/** The DefinitionError a broken copy of the instrument throws. */
function problemsOf(raw: unknown): DefinitionError {
  try {
    loadDefinition(raw);
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error("the definition loaded");
}

function broken(edit: (definition: QuestionnaireInput) => void): DefinitionError {
  const definition = lesmCopy();
  edit(definition);
  return problemsOf(definition);
}

function withCondition(code: string, showIf: Condition): DefinitionError {
  return broken((d) => {
    questionIn(d, code).showIf = showIf;
  });
}

describe("loadDefinition refuses", () => {
  it("a question code used twice", () => {
    const error = broken((d) => {
      questionIn(d, "SWORN_OFFICERS").code = "STATE";
    });
    expect(error.message).toContain("question STATE: code is used by more than one question");
  });

  it("a section code used twice", () => {
    const error = broken((d) => {
      d.sections[1]!.code = "AGENCY";
    });
    expect(error.message).toContain("section AGENCY: code is used by more than one section");
  });

  it("a condition on a later question, or on the question itself", () => {
    expect(withCondition("STATE", { question: "USES_SOCIAL_MEDIA", equals: "YES" }).message).toContain(
      "question STATE: condition refers to USES_SOCIAL_MEDIA, which does not come earlier in the questionnaire",
    );
    expect(withCondition("STATE", { not: { question: "STATE", answered: true } }).message).toContain(
      "question STATE: condition refers to STATE, which does not come earlier",
    );
  });

  it("a section condition on one of its own questions", () => {
    const error = broken((d) => {
      d.sections[1]!.showIf = { question: "YEAR_STARTED", answered: true };
    });
    expect(error.message).toContain("section USE: condition refers to YEAR_STARTED, which does not come earlier");
  });

  it("a condition on an unknown question", () => {
    expect(withCondition("PLATFORMS", { question: "NO_SUCH", answered: true }).message).toContain(
      "question PLATFORMS: condition refers to unknown question NO_SUCH",
    );
  });

  it("an unknown option code in a condition, however deeply nested", () => {
    const error = withCondition("NONUSER_PLANS", {
      all: [{ question: "STATE", answered: true }, { any: [{ question: "USES_SOCIAL_MEDIA", equals: "MAYBE" }] }],
    });
    expect(error.message).toContain(
      'question NONUSER_PLANS: condition on USES_SOCIAL_MEDIA: option "MAYBE" is not one of its options',
    );
    expect(withCondition("NONUSER_PLANS", { question: "AGENCY_TYPE", in: ["SHERIFF", "POLICE"] }).message).toContain(
      'option "POLICE" is not one of its options',
    );
  });

  it("a comparison that does not fit the question's type", () => {
    expect(withCondition("NONUSER_PLANS", { question: "USES_SOCIAL_MEDIA", includes: "YES" }).message).toContain(
      'question NONUSER_PLANS: condition on USES_SOCIAL_MEDIA: "includes" needs a multiple-choice question',
    );
    expect(withCondition("NONUSER_PLANS", { question: "STATE", gte: 3 }).message).toContain(
      "a range needs an integer or decimal question",
    );
    expect(withCondition("NONUSER_PLANS", { question: "SWORN_OFFICERS", gte: 10, lte: 5 }).message).toContain(
      "the range is empty",
    );
  });

  it("a rowsFrom that is unknown, later, not a multiple question, or combined with rows", () => {
    const rowsFrom = (value: string) =>
      broken((d) => {
        const grid = questionIn(d, "POSTING_FREQUENCY");
        if (grid.type === "grid") grid.rowsFrom = value;
      });
    expect(rowsFrom("PLATFORMZ").message).toContain("question POSTING_FREQUENCY: rowsFrom refers to unknown question");
    expect(rowsFrom("NEEDS").message).toContain("rowsFrom refers to NEEDS, which does not come earlier");
    expect(rowsFrom("STATE").message).toContain(
      "question POSTING_FREQUENCY: rowsFrom must name a multiple-choice question, but STATE is single",
    );
    const both = broken((d) => {
      const grid = questionIn(d, "POSTING_FREQUENCY");
      if (grid.type === "grid") grid.rows = [{ code: "X", label: "X", value: 1 }];
    });
    expect(both.message).toContain("question POSTING_FREQUENCY: a grid has either rows or rowsFrom, not both");
  });

  it("an exclusive or other option that is not one of the options", () => {
    const error = broken((d) => {
      const needs = questionIn(d, "NEEDS");
      if (needs.type === "multiple") needs.exclusive = ["NOTHING"];
      const platforms = questionIn(d, "PLATFORMS");
      if (platforms.type === "multiple") platforms.otherOption = "ELSE";
    });
    expect(error.message).toContain('question NEEDS: exclusive option "NOTHING" is not one of its options');
    expect(error.message).toContain('question PLATFORMS: other option "ELSE" is not one of its options');
    expect(error.problems).toHaveLength(2);
  });

  it("option codes or values used twice, and an empty number range", () => {
    const error = broken((d) => {
      const state = questionIn(d, "STATE");
      if (state.type === "single") state.options[1] = { code: "AL", label: "Alaska", value: 1 };
      const year = questionIn(d, "YEAR_STARTED");
      if (year.type === "integer") year.min = 2020;
    });
    expect(error.message).toContain('question STATE: option code "AL" is used more than once');
    expect(error.message).toContain("question STATE: option value 1 is used more than once");
    expect(error.message).toContain("question YEAR_STARTED: min (2020) is greater than max (2016)");
  });

  it("two questions that would produce the same export variable", () => {
    const definition = structuredClone(tinyDefinition);
    definition.sections[1]!.questions.push({ code: "B_RED", type: "text", text: "?", required: false, maxLength: 5 });
    expect(problemsOf(definition).message).toContain(
      "question B_RED: export variable B_RED is also produced by question B",
    );
  });

  it("what the schema forbids, naming the question", () => {
    const lower = broken((d) => {
      questionIn(d, "STATE").code = "state";
    });
    expect(lower.message).toContain("question state: code: must be UPPER_SNAKE_CASE");
    const unnamed = broken((d) => {
      Reflect.deleteProperty(questionIn(d, "AGENCY_TYPE"), "code");
    });
    expect(unnamed.message).toContain("section AGENCY, question #2: code:");
    const typo = broken((d) => {
      Object.assign(questionIn(d, "PURPOSES"), { showif: { question: "STATE", answered: true } });
    });
    expect(typo.message).toMatch(/question PURPOSES: .*showif/);
    const badValue = broken((d) => {
      const state = questionIn(d, "STATE");
      if (state.type === "single") state.options[2] = { code: "AZ", label: "Arizona", value: -8 };
    });
    expect(badValue.message).toContain("question STATE: options.2.value:");
    expect(problemsOf("not a definition").message).toContain("definition:");
    expect(problemsOf(null)).toBeInstanceOf(DefinitionError);
  });
});
