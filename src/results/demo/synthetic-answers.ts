// One synthetic agency's answers, section by section through the skip logic
// (isQuestionShown, gridRowsFor), so that every data set it makes is one real
// agencies could have produced. Questions without a profile get plain random
// answers, so any questionnaire can be filled.
import {
  gridRowsFor,
  isQuestionShown,
  type AnswerValue,
  type Question,
  type Questionnaire,
} from "../../questionnaire/index.js";
import { COMMENTS, OTHER_TEXTS, PROFILES, type Profile } from "./answer-profiles.js";
import { clamp, type Random } from "./random.js";
import { sizeFactor, type SyntheticAgency } from "./synthetic-agency.js";

export type AnswerOptions = {
  /** answer only the first sections, as an agency that has not finished */
  sections?: number;
};

export function syntheticAnswers(
  questionnaire: Questionnaire,
  agency: SyntheticAgency,
  random: Random,
  options: AnswerOptions = {},
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const big = sizeFactor(agency.swornOfficers);
  const sections = questionnaire.sections.slice(0, options.sections ?? questionnaire.sections.length);
  for (const section of sections) {
    for (const question of section.questions) {
      if (!isQuestionShown(section, question, answers)) continue;
      // optional questions are often left blank
      if (!question.required && random.chance(0.6)) continue;
      const answer = answerFor(question, questionnaire, answers, agency, big, random);
      if (answer) answers[question.code] = answer;
    }
  }
  return answers;
}

function answerFor(
  question: Question,
  questionnaire: Questionnaire,
  answers: Record<string, AnswerValue>,
  agency: SyntheticAgency,
  big: number,
  random: Random,
): AnswerValue | undefined {
  const profile: Profile | undefined = PROFILES[question.code];
  const otherText = () => random.pick(OTHER_TEXTS);
  switch (question.type) {
    case "single": {
      // the frame's facts, so answers and sample frame agree
      const fact =
        question.code === "STATE" ? agency.state : question.code === "AGENCY_TYPE" ? agency.agencyType : undefined;
      const codes = question.options.map((o) => o.code);
      const weights = profile?.kind === "single" ? profile.weights(big) : {};
      const code = fact ?? codes[random.weighted(codes.map((c) => weights[c] ?? (profile ? 0 : 1)))]!;
      return code === question.otherOption ? { type: "single", code, other: otherText() } : { type: "single", code };
    }
    case "multiple": {
      const chances = profile?.kind === "multiple" ? profile.chances(big) : {};
      const exclusive = new Set(question.exclusive ?? []);
      const chosenExclusive = question.options.find(
        (o) => exclusive.has(o.code) && random.chance(chances[o.code] ?? 0),
      );
      let codes = chosenExclusive
        ? [chosenExclusive.code]
        : question.options
            .filter((o) => !exclusive.has(o.code) && random.chance(chances[o.code] ?? 0.3))
            .map((o) => o.code);
      if (codes.length === 0) codes = [question.options.find((o) => !exclusive.has(o.code))!.code];
      const other =
        question.otherOption !== undefined && codes.includes(question.otherOption) ? { other: otherText() } : {};
      return { type: "multiple", codes, ...other };
    }
    case "grid": {
      const rows: Record<string, string> = {};
      for (const row of gridRowsFor(question, answers, questionnaire)) {
        const weights = profile?.kind === "grid" ? profile.weights(big, row.code) : {};
        const codes = question.columns.map((c) => c.code);
        rows[row.code] = codes[random.weighted(codes.map((c) => weights[c] ?? 1))]!;
      }
      return Object.keys(rows).length ? { type: "grid", rows } : undefined;
    }
    case "integer":
    case "decimal": {
      const fact =
        question.code === "SWORN_OFFICERS"
          ? agency.swornOfficers
          : question.code === "POPULATION_SERVED"
            ? agency.populationServed
            : undefined;
      // an agency knows its own size even where the sample frame does not
      const guess = () => (question.code === "SWORN_OFFICERS" ? 20 * Math.exp(random.normal()) : undefined);
      if (fact === null && question.code === "POPULATION_SERVED") return undefined;
      const value =
        fact ??
        guess() ??
        (profile?.kind === "number"
          ? profile.value(big, random)
          : question.min + random.next() * (question.max - question.min) * 0.05);
      const rounded = question.type === "integer" ? Math.round(value) : Math.round(value * 10) / 10;
      return { type: "number", value: clamp(rounded, question.min, question.max) };
    }
    case "text":
      return { type: "text", value: otherText() };
    case "longtext":
      return random.chance(0.1) ? { type: "text", value: random.pick(COMMENTS) } : undefined;
    case "file":
      // uploads need a stored file; the demo data has none
      return undefined;
  }
}
