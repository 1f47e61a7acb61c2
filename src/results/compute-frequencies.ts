// Every question's frequencies over a survey's responses, from the counts the
// database makes (count-answers.ts). Percentages are of the responses asked
// the question; "not asked" and "asked, not answered" are kept apart.
import type { DbOrTx } from "../db/client.js";
import {
  describeSkip,
  possibleGridRows,
  versionHashOf,
  type GridQuestion,
  type Question,
  type Questionnaire,
  type Section,
} from "../questionnaire/index.js";
import { cached, dataVersion } from "./results-cache.js";
import { countAnswers, countKey, type AnswerCounts } from "./count-answers.js";
import type { ResultFilters } from "./filters.js";

export type Base = { responses: number; asked: number; notAsked: number; answered: number; noAnswer: number };
export type FrequencyRow = { code: string; label: string; count: number; percent: number | null; unknown: boolean };

type Common = { section: Section; question: Question; skip: string; base: Base };
export type QuestionFrequency =
  | (Common & { kind: "single" | "multiple"; rows: FrequencyRow[] })
  | (Common & { kind: "grid"; gridRows: { code: string; label: string; base: Base; cells: FrequencyRow[] }[] })
  | (Common & { kind: "number"; mean: number | null; min: number | null; max: number | null })
  | (Common & { kind: "text" });

export type Frequencies = { responses: number; questions: QuestionFrequency[] };

type Located = { section: Section; question: Question };
type Counts = Map<string, number>;

export async function computeFrequencies(options: {
  db: DbOrTx;
  surveyId: number;
  questionnaire: Questionnaire;
  filters: ResultFilters;
  /** false: always ask the database (tests, benchmarks) */
  useCache?: boolean;
}): Promise<Frequencies> {
  const { db, surveyId, questionnaire, filters, useCache = true } = options;
  if (!useCache) return countFrequencies(db, surveyId, questionnaire, filters);
  const key = JSON.stringify([surveyId, versionHashOf(questionnaire), filters, await dataVersion(db, surveyId)]);
  return cached(db, key, () => countFrequencies(db, surveyId, questionnaire, filters));
}

async function countFrequencies(
  db: DbOrTx,
  surveyId: number,
  questionnaire: Questionnaire,
  filters: ResultFilters,
): Promise<Frequencies> {
  const counts = await countAnswers({ db, surveyId, questionnaire, filters });
  const { responses, codes: codeCounts, scalars } = counts;
  const located: Located[] = questionnaire.sections.flatMap((section) =>
    section.questions.map((question) => ({ section, question })),
  );
  const questions = located.map(({ section, question }): QuestionFrequency => {
    const skip = describeSkip([section.showIf, question.showIf], questionnaire);
    const askedN = counts.askedQuestion.get(question.code) ?? 0;
    const base = (answered: number, n = askedN): Base => ({
      responses,
      asked: n,
      notAsked: responses - n,
      answered,
      noAnswer: n - answered,
    });
    const common = { section, question, skip };
    switch (question.type) {
      case "single": {
        const rows = frequencyRows(question.options, codeCounts, question.code, "", askedN);
        return { ...common, kind: "single", rows, base: base(rows.reduce((a, r) => a + r.count, 0)) };
      }
      case "multiple": {
        const rows = frequencyRows(question.options, codeCounts, question.code, null, askedN);
        return { ...common, kind: "multiple", rows, base: base(scalars.get(question.code)?.answered ?? 0) };
      }
      case "grid":
        return {
          ...common,
          kind: "grid",
          base: base(0),
          gridRows: gridFrequencies(question, questionnaire, counts, askedN),
        };
      case "integer":
      case "decimal": {
        const s = scalars.get(question.code);
        return {
          ...common,
          kind: "number",
          base: base(s?.answered ?? 0),
          mean: s?.mean ?? null,
          min: s?.min ?? null,
          max: s?.max ?? null,
        };
      }
      default:
        return { ...common, kind: "text", base: base(scalars.get(question.code)?.answered ?? 0) };
    }
  });
  return { responses, questions };
}

function gridFrequencies(
  question: GridQuestion,
  questionnaire: Questionnaire,
  counts: AnswerCounts,
  gridAsked: number,
) {
  const { responses } = counts;
  return possibleGridRows(question, questionnaire).map((row) => {
    // fixed rows are asked with the grid; rowsFrom rows have their own base
    const n = question.rowsFrom === undefined ? gridAsked : (counts.askedRow.get(`${question.code}.${row.code}`) ?? 0);
    const cells = frequencyRows(question.columns, counts.codes, question.code, row.code, n);
    const answered = cells.reduce((a, c) => a + c.count, 0);
    return {
      code: row.code,
      label: row.label,
      cells,
      base: { responses, asked: n, notAsked: responses - n, answered, noAnswer: n - answered },
    };
  });
}

/** Rows for each option, then codes the questionnaire does not know. `item` null: multiple choice (item = value). */
function frequencyRows(
  options: readonly { code: string; label: string }[],
  counts: Counts,
  questionCode: string,
  item: string | null,
  asked: number,
): FrequencyRow[] {
  const percent = (n: number) => (asked > 0 ? (100 * n) / asked : null);
  const prefix = `${questionCode}\u0000`;
  const known = new Set(options.map((o) => o.code));
  const countOf = (code: string) => counts.get(countKey(questionCode, item ?? code, code)) ?? 0;
  const rows = options.map((o) => ({
    code: o.code,
    label: o.label,
    count: countOf(o.code),
    percent: percent(countOf(o.code)),
    unknown: false,
  }));
  const unknownCodes = new Set<string>();
  for (const key of counts.keys()) {
    if (!key.startsWith(prefix)) continue;
    const [, keyItem, value] = key.split("\u0000") as [string, string, string];
    if ((item === null ? keyItem === value && keyItem !== "" : keyItem === item) && !known.has(value))
      unknownCodes.add(value);
  }
  for (const code of [...unknownCodes].sort()) {
    rows.push({
      code,
      label: `${code} (not in the questionnaire)`,
      count: countOf(code),
      percent: percent(countOf(code)),
      unknown: true,
    });
  }
  return rows;
}
