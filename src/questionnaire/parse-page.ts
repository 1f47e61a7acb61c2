// Reading one submitted page of the questionnaire.
//
// Form field names (the HTML pages use exactly these; see form-fields.ts):
//   q_<CODE>            single (radio value = option code), integer, decimal,
//                       text, longtext: one string
//   q_<CODE>            multiple: a string or, for repeated keys, a string[]
//                       (express.urlencoded({ extended: false }) gives an array);
//                       each value is an option code; empty strings are ignored
//   q_<CODE>__other     the "other, please specify" text of a single or multiple
//   q_<CODE>__<ROW>     one grid row (radio value = column code)
// File questions are not read from the form: uploads are handled elsewhere.
// Any other key (_csrf, _action, revision, ...) is ignored.
//
// FieldError.field is the name above, so that an error summary can link to
// #<field>: give each input, or the first input of a radio or checkbox
// group, that id.
//
// `answers` holds only complete, valid answers of the questions shown; a
// grid also keeps its answered rows when other required rows are missing, so
// saving a half-done page keeps them. `errors` with kind "required" say that
// something needed is missing (a "save and finish later" may accept them);
// kind "invalid" says that something given was refused.
import { answerOf, findSection, type AnswerMap, type AnswerValue } from "./answer-types.js";
import type { Question, Questionnaire, Section } from "./definition-schema.js";
import { fieldName, otherFieldName, rowFieldName, type FormValues } from "./form-fields.js";
import {
  parseGrid,
  parseMultiple,
  parseNumber,
  parseSingle,
  parseText,
  type ErrorKind,
  type Parsed,
  type Read,
} from "./parse-fields.js";
import { gridRowsFor, isQuestionShown, relevantAnswers } from "./skip-logic.js";
import { possibleGridRows } from "./variable-names.js";

export type { ErrorKind } from "./parse-fields.js";
export type { FormValues } from "./form-fields.js";

export type FieldError = {
  /** the HTML input name (and id target) */
  field: string;
  questionCode: string;
  sectionCode: string;
  kind: ErrorKind;
  /** user-facing, e.g. "Enter a whole number from 0 to 60,000" */
  message: string;
};

export type PageResult = { answers: AnswerMap; errors: FieldError[]; values: FormValues };

/** Throws only for a section code the questionnaire does not have (check with findSection first). */
export function parsePage(
  questionnaire: Questionnaire,
  sectionCode: string,
  form: Record<string, unknown>,
  answersSoFar: AnswerMap,
): PageResult {
  const section = findSection(questionnaire, sectionCode);
  if (!section) throw new RangeError(`questionnaire ${questionnaire.code} has no section ${sectionCode}`);
  const safeForm: Record<string, unknown> = typeof form === "object" && form !== null ? form : {};
  const read: Read = (field) => (Object.hasOwn(safeForm, field) ? safeForm[field] : undefined);

  // Later questions on this page may depend on earlier ones, so conditions see
  // what was just submitted in place of this page's stored answers. Uploads
  // are not on the form, so their stored answers stay.
  const replaced = new Set(section.questions.filter((q) => q.type !== "file").map((q) => q.code));
  const context: Record<string, AnswerValue> = Object.fromEntries(
    Object.entries(relevantAnswers(questionnaire, answersSoFar)).filter(([code]) => !replaced.has(code)),
  );
  const answers: Record<string, AnswerValue> = {};
  const errors: FieldError[] = [];
  for (const question of section.questions) {
    if (question.type === "file" || !isQuestionShown(section, question, context)) continue;
    const parsed = parseQuestion(question, read, context, questionnaire);
    for (const problem of parsed.problems) errors.push({ ...problem, questionCode: question.code, sectionCode });
    if (parsed.answer) {
      answers[question.code] = parsed.answer;
      context[question.code] = parsed.answer;
    }
  }
  return { answers, errors, values: typedValues(section, read, questionnaire) };
}

function parseQuestion(question: Question, read: Read, context: AnswerMap, questionnaire: Questionnaire): Parsed {
  switch (question.type) {
    case "single":
      return parseSingle(question, read);
    case "multiple":
      return parseMultiple(question, read);
    case "grid":
      return parseGrid(question, gridRowsFor(question, context, questionnaire), read);
    case "integer":
    case "decimal":
      return parseNumber(question, read);
    case "text":
    case "longtext":
      return parseText(question, read);
    case "file":
      return { problems: [] };
  }
}

// Every field of the section, shown or not, so that a page whose script
// reveals a question again still has what was typed into it.
function typedValues(section: Section, read: Read, questionnaire: Questionnaire): FormValues {
  const values: FormValues = {};
  for (const question of section.questions) {
    if (question.type === "file") continue;
    if (question.type === "grid") {
      for (const row of possibleGridRows(question, questionnaire))
        copyField(values, read, rowFieldName(question.code, row.code), false);
      continue;
    }
    copyField(values, read, fieldName(question.code), question.type === "multiple");
    if ("otherOption" in question && question.otherOption !== undefined)
      copyField(values, read, otherFieldName(question.code), false);
  }
  return values;
}

function copyField(values: FormValues, read: Read, field: string, list: boolean): void {
  const raw = read(field);
  if (typeof raw === "string") values[field] = list ? [raw] : raw;
  else if (list && Array.isArray(raw)) values[field] = raw.filter((v): v is string => typeof v === "string");
}

// Never exponent notation ("1e-7"), which the parser refuses. Made once, not per call.
const formValueNumber = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });
// Whole numbers (most of them: officers, population, years) read the same from
// String(), which is much cheaper than Intl on every page shown.
const formValueOf = (n: number) => (Number.isSafeInteger(n) ? String(n) : formValueNumber.format(n));

/** The form values that redisplay stored answers on a section's page (the inverse of parsePage). */
export function formValuesFor(questionnaire: Questionnaire, sectionCode: string, answers: AnswerMap): FormValues {
  const values: FormValues = {};
  for (const question of findSection(questionnaire, sectionCode)?.questions ?? []) {
    const answer = answerOf(answers, question.code);
    const name = fieldName(question.code);
    if (answer?.type === "single" || answer?.type === "multiple") {
      values[name] = answer.type === "single" ? answer.code : [...answer.codes];
      if (answer.other !== undefined) values[otherFieldName(question.code)] = answer.other;
    } else if (answer?.type === "grid") {
      for (const [row, column] of Object.entries(answer.rows)) values[rowFieldName(question.code, row)] = column;
    } else if (answer?.type === "number") {
      values[name] = formValueOf(answer.value);
    } else if (answer?.type === "text") values[name] = answer.value;
  }
  return values;
}
