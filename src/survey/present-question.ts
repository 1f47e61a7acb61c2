// The view model of one question on a section page: names, ids, what is
// checked or typed, and its error, so the partials only lay it out. It is
// built from the question's definition and its QuestionState alone, so the
// state (as JSON) is a complete key for the question's markup, which the page
// reuses across requests (src/http/fragment-cache.ts).
import { conditionCodes } from "./navigation.js";
import type { Fragment } from "../http/fragment-cache.js";
import { derivedOnce } from "../questionnaire/derived-once.js";
import {
  fieldName,
  gridRowCandidates,
  gridRowsFor,
  otherFieldName,
  rowFieldName,
  type AnswerMap,
  type Condition,
  type FieldError,
  type FormValues,
  type Option,
  type Question,
  type Questionnaire,
  type Section,
} from "../questionnaire/index.js";

export type OptionView = {
  code: string;
  label: string;
  id: string;
  checked: boolean;
  isOther: boolean;
  exclusive: boolean;
};

const idOf = (field: string, code: string) => `${field}--${code}`;

function valueOf(values: FormValues, field: string): string {
  const v = values[field];
  return typeof v === "string" ? v : "";
}

function listOf(values: FormValues, field: string): string[] {
  const v = values[field];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

const codesOnPage = derivedOnce((section: Section) => new Set(section.questions.map((q) => q.code)));
// A question is on one section's page only, so the question alone is the key.
const conditionOnPage = derivedOnce((question: Question, section: Section) =>
  conditionCodes(question.showIf).some((c) => codesOnPage(section).has(c)) ? question.showIf : undefined,
);

/** What a question needs from its page: the condition, when it depends on an answer on the same page. */
export function samePageCondition(section: Section, question: Question): Condition | undefined {
  return conditionOnPage(question, section);
}

const conditionJson = derivedOnce((condition: Condition) => JSON.stringify(condition));

/** A choice question's options as shown, all but whether each is checked. */
const optionViews = derivedOnce((question: Question): Omit<OptionView, "checked">[] => {
  if (question.type !== "single" && question.type !== "multiple") return [];
  const field = fieldName(question.code);
  const exclusive = question.type === "multiple" ? (question.exclusive ?? []) : [];
  return question.options.map((o, i) => ({
    code: o.code,
    label: o.label,
    id: i === 0 ? field : idOf(field, o.code),
    isOther: o.code === question.otherOption,
    exclusive: exclusive.includes(o.code),
  }));
});

/** What a question's markup shows beyond its definition. */
export type QuestionState = {
  /** what is typed or chosen, by field name, for this question's fields only */
  values: FormValues;
  /** this question's errors, in the order found */
  errors: { field: string; message: string }[];
  /** a grid's rows that apply, given the earlier answers; all its candidates when they come from this page */
  rows?: readonly Option[];
  /** the question on this same page whose choices are the grid's rows: each row then shows only with its choice */
  rowsFromPage?: string;
  /** the file already attached to an upload question */
  file?: { filename: string; size: number };
};

export function questionState(options: {
  questionnaire: Questionnaire;
  section: Section;
  question: Question;
  answers: AnswerMap;
  values: FormValues;
  errors: FieldError[];
}): QuestionState {
  const { questionnaire, section, question, answers, values, errors } = options;
  // Rows chosen on this same page are all on it, so an agency can tick a
  // platform and say how often it posts there in one go: the script hides the
  // rows not chosen, and without it the server ignores their answers.
  const rowsFromPage =
    question.type === "grid" && question.rowsFrom !== undefined && codesOnPage(section).has(question.rowsFrom)
      ? question.rowsFrom
      : undefined;
  const rows =
    question.type !== "grid"
      ? undefined
      : rowsFromPage
        ? gridRowCandidates(question, questionnaire)
        : gridRowsFor(question, answers, questionnaire);
  const fields = rows
    ? rows.map((row) => rowFieldName(question.code, row.code))
    : [fieldName(question.code), otherFieldName(question.code)];
  const own: FormValues = {};
  for (const field of fields) if (Object.hasOwn(values, field)) own[field] = values[field]!;
  const saved = answers[question.code];
  return {
    values: own,
    rowsFromPage,
    errors: errors.filter((e) => e.questionCode === question.code).map((e) => ({ field: e.field, message: e.message })),
    rows,
    file:
      question.type === "file" && saved?.type === "file" ? { filename: saved.filename, size: saved.size } : undefined,
  };
}

type QuestionInput = { section: Section; question: Question; state: QuestionState; conditionText?: string };

/** A question's markup as a page fragment: reused while the question's state is the same. */
export function questionFragment(options: QuestionInput): Fragment<QuestionView> {
  return new QuestionFragment(options);
}

// A class, so that a page's questions share one view() instead of each getting a closure of its own.
class QuestionFragment implements Fragment<QuestionView> {
  readonly scope: object;
  readonly key: string;
  constructor(private readonly input: QuestionInput) {
    this.scope = input.question;
    this.key = JSON.stringify(input.state);
  }
  view(): QuestionView {
    return presentQuestion(this.input);
  }
}

export function presentQuestion(options: QuestionInput) {
  const { section, question, state, conditionText } = options;
  const { values } = state;
  const field = fieldName(question.code);
  const errorFor = (name: string) => state.errors.find((e) => e.field === name)?.message;
  const condition = samePageCondition(section, question);
  const base = {
    code: question.code,
    type: question.type,
    partial: `questions/${question.type === "longtext" ? "text" : question.type === "decimal" ? "integer" : question.type}`,
    text: question.text,
    help: question.help,
    required: question.required,
    field,
    error: state.errors[0]?.message,
    showIfJson: condition ? conditionJson(condition) : undefined,
    conditionText: condition ? conditionText : undefined,
  };
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = question.type === "single" ? [valueOf(values, field)] : listOf(values, field);
      const opts: OptionView[] = optionViews(question).map((o) => ({ ...o, checked: chosen.includes(o.code) }));
      const otherName = otherFieldName(question.code);
      const other = question.otherOption
        ? { name: otherName, id: otherName, value: valueOf(values, otherName), error: errorFor(otherName) }
        : undefined;
      // A long single list (the 51 states) is easier to use as a select than as radios.
      const partial = question.type === "single" && opts.length > 15 && !other ? "questions/select" : base.partial;
      return { ...base, partial, options: opts, other, multiple: question.type === "multiple" };
    }
    case "grid": {
      const rows = (state.rows ?? []).map((row) => {
        const name = rowFieldName(question.code, row.code);
        const picked = valueOf(values, name);
        return {
          code: row.code,
          label: row.label,
          name,
          error: errorFor(name),
          showIfJson: state.rowsFromPage
            ? JSON.stringify({ question: state.rowsFromPage, includes: row.code })
            : undefined,
          columns: question.columns.map((c, i) => ({
            code: c.code,
            label: c.label,
            id: i === 0 ? name : idOf(name, c.code),
            checked: picked === c.code,
          })),
        };
      });
      return {
        ...base,
        rows,
        emptyNote: rows.length === 0 ? "Nothing to answer here: no rows apply from your earlier answers." : undefined,
        // For readers without the script, which hides the rows not ticked.
        rowsNote: state.rowsFromPage
          ? "Answer only the rows of what you ticked above: the others are not saved."
          : undefined,
      };
    }
    case "integer":
    case "decimal":
      return {
        ...base,
        value: valueOf(values, field),
        inputmode: question.type === "integer" ? "numeric" : "decimal",
        min: question.min,
        max: question.max,
        unit: question.unit,
      };
    case "text":
    case "longtext":
      return {
        ...base,
        value: valueOf(values, field),
        long: question.type === "longtext",
        maxLength: question.maxLength,
      };
    case "file":
      return {
        ...base,
        accept: question.accept.join(","),
        maxMegabytes: Math.round((question.maxBytes / 1_048_576) * 10) / 10,
        current: state.file
          ? { filename: state.file.filename, kilobytes: Math.max(1, Math.round(state.file.size / 1024)) }
          : undefined,
      };
  }
}

export type QuestionView = ReturnType<typeof presentQuestion>;
