import { describe, expect, it } from "vitest";
import {
  findQuestion,
  lesm2016,
  lesm2016Definition,
  loadDefinition,
  versionHashOf,
  type Question,
} from "../../../src/questionnaire/index.js";
import { lesmCopy, questionIn } from "./fixtures.js";

function question(code: string): Question {
  const found = findQuestion(lesm2016, code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

function optionCodes(code: string): string[] {
  const q = question(code);
  return "options" in q ? q.options.map((o) => o.code) : [];
}

describe("the 2016 instrument", () => {
  it("loads and says it is a reconstruction", () => {
    expect(lesm2016.code).toBe("lesm-2016");
    expect(lesm2016.reconstructionNote).toMatch(/reconstruction/i);
    expect(lesm2016.reconstructionNote).toMatch(/not the original/i);
  });

  it("cannot be changed in place, since every request shares it", () => {
    expect(Object.isFrozen(lesm2016)).toBe(true);
    expect(Object.isFrozen(lesm2016.sections[0]?.questions[0])).toBe(true);
    expect(() => {
      (lesm2016.sections as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it("has the report's six sections in order", () => {
    expect(lesm2016.sections.map((s) => s.code)).toEqual(["AGENCY", "USE", "MANAGEMENT", "TONE", "BARRIERS", "NEEDS"]);
  });

  it("asks for the state among the 50 states and DC by USPS code", () => {
    const states = optionCodes("STATE");
    expect(states).toHaveLength(51);
    expect(states).toContain("DC");
    expect(states).toContain("WY");
    expect(new Set(states).size).toBe(51);
  });

  it("offers the ten IACP agency types and the platforms and purposes of the facts", () => {
    expect(optionCodes("AGENCY_TYPE")).toHaveLength(10);
    expect(optionCodes("PLATFORMS")).toEqual([
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
    expect(optionCodes("PURPOSES")).toHaveLength(9);
  });

  it("numbers options 1..n and keeps codes UPPER_SNAKE", () => {
    for (const section of lesm2016.sections) {
      for (const q of section.questions) {
        expect(q.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
        if ("options" in q) expect(q.options.map((o) => o.value)).toEqual(q.options.map((_, i) => i + 1));
      }
    }
  });

  it("sends non-users to their own block and users through use, management and tone", () => {
    expect(question("NONUSER_REASONS").showIf).toEqual({ question: "USES_SOCIAL_MEDIA", equals: "NO" });
    expect(question("NONUSER_PLANS").showIf).toEqual({ question: "USES_SOCIAL_MEDIA", equals: "NO" });
    for (const code of ["USE", "MANAGEMENT", "TONE"]) {
      expect(lesm2016.sections.find((s) => s.code === code)?.showIf).toEqual({
        question: "USES_SOCIAL_MEDIA",
        equals: "YES",
      });
    }
  });

  it("has an optional policy upload shown only with a written policy, and a 'none of these' option", () => {
    const upload = question("POLICY_UPLOAD");
    expect(upload).toMatchObject({ type: "file", required: false, maxBytes: 5 * 1024 * 1024 });
    expect(upload.showIf).toEqual({ question: "WRITTEN_POLICY", equals: "YES" });
    expect(question("NEEDS")).toMatchObject({ type: "multiple", exclusive: ["NONE"] });
    expect(question("POSTING_FREQUENCY")).toMatchObject({ type: "grid", rowsFrom: "PLATFORMS" });
  });
});

describe("versionHashOf", () => {
  it("is a sha-256 hex digest, the same every time", () => {
    const hash = versionHashOf(lesm2016);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(versionHashOf(lesm2016)).toBe(hash);
    expect(versionHashOf(loadDefinition(lesmCopy()))).toBe(hash);
  });

  it("survives a trip through the database's JSON text and does not depend on key order", () => {
    const hash = versionHashOf(lesm2016);
    expect(versionHashOf(loadDefinition(JSON.parse(JSON.stringify(lesm2016))))).toBe(hash);
    const reversed = JSON.parse(JSON.stringify(lesm2016Definition), (_key, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as unknown;
    expect(versionHashOf(loadDefinition(reversed))).toBe(hash);
  });

  it("changes when anything changes", () => {
    const hash = versionHashOf(lesm2016);
    const relabelled = lesmCopy();
    const state = questionIn(relabelled, "STATE");
    if (state.type !== "single") throw new Error("STATE is single");
    state.options[0] = { code: "AL", label: "State of Alabama", value: 1 };
    expect(versionHashOf(loadDefinition(relabelled))).not.toBe(hash);

    const optional = lesmCopy();
    questionIn(optional, "SWORN_OFFICERS").required = false;
    expect(versionHashOf(loadDefinition(optional))).not.toBe(hash);
  });
});
