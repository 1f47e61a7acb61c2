// Thousands of random, mostly hostile forms per section: parsePage must never
// throw, and whatever it accepts must apply, survive storage, and parse again
// to the same answers from the form values it would redisplay.
import { describe, expect, it } from "vitest";
import {
  fieldName,
  formValuesFor,
  fromAnswerRows,
  lesm2016,
  otherFieldName,
  parsePage,
  possibleGridRows,
  relevantAnswers,
  rowFieldName,
  toAnswerRows,
  type AnswerMap,
  type Question,
  type Questionnaire,
  type Section,
} from "../../../src/questionnaire/index.js";
import { nonUserAnswers, tiny, userAnswers } from "./fixtures.js";

const FORMS_PER_SECTION = 1500;

/** Stored answers that do not fit the questions (a changed definition, a bad row). */
const ODD_ANSWERS: AnswerMap = {
  A: { type: "single", code: "YES" },
  USES_SOCIAL_MEDIA: { type: "number", value: 1 },
  PLATFORMS: { type: "multiple", codes: ["FACEBOOK", "MYSPACE"] },
  B: { type: "multiple", codes: ["RED", "NONE"] },
};

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const NASTY = ["", " ", "1e3", "-1", "12.5", "abc", "60,000", "007", "99999999999999999999", "NaN", "\u0000", "a\r\nb"];

function codesOf(question: Question): string[] {
  if ("options" in question) return question.options.map((o) => o.code);
  if (question.type === "grid") return question.columns.map((c) => c.code);
  return [];
}

function randomValue(rng: Rng, codes: readonly string[], depth = 0): unknown {
  const r = rng();
  if (r < 0.35 && codes.length > 0) return pick(rng, codes);
  if (r < 0.5 && codes.length > 0) return Array.from({ length: 1 + Math.floor(rng() * 4) }, () => pick(rng, codes));
  if (r < 0.65) return pick(rng, NASTY);
  if (r < 0.7) return String(Math.floor(rng() * 70_000) - 5);
  if (r < 0.75) return "x".repeat(Math.floor(rng() * 700));
  if (r < 0.8) return depth < 2 ? [randomValue(rng, codes, depth + 1), randomValue(rng, codes, depth + 1)] : "deep";
  if (r < 0.85) return { code: pick(rng, [...codes, "X"]) };
  return pick(rng, [null, undefined, 42, true, Number.NaN, "ZZZ", ["", ""]]);
}

function fieldsOf(section: Section, questionnaire: Questionnaire): { field: string; codes: string[] }[] {
  return section.questions.flatMap((q) => {
    const codes = codesOf(q);
    if (q.type === "grid") {
      return possibleGridRows(q, questionnaire).map((row) => ({ field: rowFieldName(q.code, row.code), codes }));
    }
    return [
      { field: fieldName(q.code), codes },
      { field: otherFieldName(q.code), codes: ["Periscope"] },
    ];
  });
}

function randomForm(rng: Rng, fields: readonly { field: string; codes: string[] }[]): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const { field, codes } of fields) if (rng() < 0.7) form[field] = randomValue(rng, codes);
  if (rng() < 0.3) form._csrf = "token";
  if (rng() < 0.1) Object.defineProperty(form, "__proto__", { value: { polluted: true }, enumerable: true });
  return form;
}

function check(
  questionnaire: Questionnaire,
  section: Section,
  form: Record<string, unknown>,
  soFar: AnswerMap,
): AnswerMap {
  const context = JSON.stringify({ form, soFar });
  const page = parsePage(questionnaire, section.code, form, soFar);
  const codes = new Set(section.questions.map((q) => q.code));
  for (const error of page.errors) {
    expect(codes.has(error.questionCode), context).toBe(true);
    expect(error.field.startsWith(`q_${error.questionCode}`), context).toBe(true);
    expect(error.message.length, context).toBeGreaterThan(0);
  }
  for (const value of Object.values(page.values)) {
    expect(typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"))).toBe(true);
  }
  // accepted answers apply, given what came before
  const before = Object.fromEntries(
    Object.entries(relevantAnswers(questionnaire, soFar)).filter(
      ([code]) => !codes.has(code) || section.questions.some((q) => q.code === code && q.type === "file"),
    ),
  );
  const relevant = relevantAnswers(questionnaire, { ...before, ...page.answers });
  for (const [code, answer] of Object.entries(page.answers)) expect(relevant[code], context).toEqual(answer);
  // and re-validate: redisplayed, they parse to the same answers with nothing refused
  const again = parsePage(questionnaire, section.code, formValuesFor(questionnaire, section.code, page.answers), soFar);
  expect(again.answers, context).toEqual(page.answers);
  expect(
    again.errors.filter((e) => e.kind === "invalid"),
    context,
  ).toEqual([]);
  // and survive storage
  const rows = Object.entries(page.answers).flatMap(([code, answer]) => toAnswerRows(code, answer));
  expect(fromAnswerRows(questionnaire, rows), context).toEqual(page.answers);
  return page.answers;
}

describe.each([
  ["lesm-2016", lesm2016, 1],
  ["tiny", tiny, 2],
])("parsePage fuzzing (%s)", (_name, questionnaire, seed) => {
  it.each(questionnaire.sections.map((s) => [s.code, s] as const))("section %s", (_code, section) => {
    const rng = random(seed * 1000 + section.code.length);
    const fields = fieldsOf(section, questionnaire);
    let accepted: AnswerMap = {};
    let answeredSomething = 0;
    for (let i = 0; i < FORMS_PER_SECTION; i++) {
      const soFar = pick<AnswerMap>(rng, [{}, userAnswers, nonUserAnswers, accepted, ODD_ANSWERS]);
      const answers = check(questionnaire, section, randomForm(rng, fields), soFar);
      if (Object.keys(answers).length > 0) answeredSomething++;
      accepted = { ...accepted, ...answers };
    }
    // the generator must produce acceptable answers too, or the checks above prove little
    expect(answeredSomething).toBeGreaterThan(FORMS_PER_SECTION / 20);
  });
});
