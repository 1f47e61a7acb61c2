// One parser per question type. Form input is hostile until proven otherwise:
// anything that is not the expected string (or list of strings) becomes a
// field error, never an exception and never a stored value.
import type { AnswerValue } from "./answer-types.js";
import type {
  GridQuestion,
  MultipleQuestion,
  NumberQuestion,
  Option,
  SingleQuestion,
  TextQuestion,
} from "./definition-schema.js";
import { fieldName, otherFieldName, rowFieldName } from "./form-fields.js";
import { messages, minSelectedMessage, numberMessage } from "./messages.js";

/** The longest "other, please specify" text kept. */
export const OTHER_MAX_LENGTH = 500;

export type ErrorKind = "required" | "invalid";
export type Problem = { field: string; kind: ErrorKind; message: string };
export type Parsed = { answer?: AnswerValue; problems: Problem[] };
export type Read = (field: string) => unknown;

type Scalar = { state: "absent" } | { state: "value"; value: string } | { state: "bad" };

const NONE: Parsed = { problems: [] };
const fail = (field: string, kind: ErrorKind, message: string): Parsed => ({ problems: [{ field, kind, message }] });

function scalar(raw: unknown, clean: (s: string) => string = (s) => s.trim()): Scalar {
  if (raw === undefined || raw === null) return { state: "absent" };
  if (typeof raw !== "string") return { state: "bad" };
  const value = clean(raw);
  return value === "" ? { state: "absent" } : { state: "value", value };
}

/** Checkbox values: one string, or a list of strings for repeated keys; empty strings are ignored. */
function many(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return [];
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (!list.every((v): v is string => typeof v === "string")) return undefined;
  return list.map((v) => v.trim()).filter((v) => v !== "");
}

// Text goes to SQLite and PostgreSQL, and PostgreSQL rejects NUL; other control
// characters and lone surrogates are never meant, so they go too. CRLF from
// browsers becomes LF so that lengths match what the textarea counted.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g; // eslint-disable-line no-control-regex
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD").trim();
}

function parseOther(questionCode: string, option: Option, read: Read): { text: string } | { problem: Problem } {
  const field = otherFieldName(questionCode);
  const raw = scalar(read(field), cleanText);
  if (raw.state === "bad") return { problem: { field, kind: "invalid", message: messages.unreadable } };
  if (raw.state === "absent") return { problem: { field, kind: "required", message: messages.other(option.label) } };
  if (raw.value.length > OTHER_MAX_LENGTH) {
    return { problem: { field, kind: "invalid", message: messages.tooLong(OTHER_MAX_LENGTH, raw.value.length) } };
  }
  return { text: raw.value };
}

export function parseSingle(question: SingleQuestion, read: Read): Parsed {
  const field = fieldName(question.code);
  const raw = scalar(read(field));
  if (raw.state === "bad") return fail(field, "invalid", messages.chooseOne);
  if (raw.state === "absent") return question.required ? fail(field, "required", messages.chooseOne) : NONE;
  const option = question.options.find((o) => o.code === raw.value);
  if (!option) return fail(field, "invalid", messages.chooseListed);
  if (option.code !== question.otherOption) return { answer: { type: "single", code: option.code }, problems: [] };
  const other = parseOther(question.code, option, read);
  if ("problem" in other) return { problems: [other.problem] };
  return { answer: { type: "single", code: option.code, other: other.text }, problems: [] };
}

export function parseMultiple(question: MultipleQuestion, read: Read): Parsed {
  const field = fieldName(question.code);
  const values = many(read(field));
  if (!values || values.some((v) => !question.options.some((o) => o.code === v))) {
    return fail(field, "invalid", messages.chooseListed);
  }
  const chosen = question.options.filter((o) => values.includes(o.code));
  if (chosen.length === 0) return question.required ? fail(field, "required", minSelectedMessage(question)) : NONE;
  const exclusive = chosen.find((o) => question.exclusive?.includes(o.code));
  if (exclusive && chosen.length > 1) return fail(field, "invalid", messages.exclusive(exclusive.label));
  if (!exclusive && chosen.length < (question.minSelected ?? 1)) {
    return fail(field, "invalid", minSelectedMessage(question));
  }
  const codes = chosen.map((o) => o.code);
  const otherOption = chosen.find((o) => o.code === question.otherOption);
  if (!otherOption) return { answer: { type: "multiple", codes }, problems: [] };
  const other = parseOther(question.code, otherOption, read);
  if ("problem" in other) return { problems: [other.problem] };
  return { answer: { type: "multiple", codes, other: other.text }, problems: [] };
}

/** Answered rows are kept even when other rows are missing, so "save and finish later" keeps them. */
export function parseGrid(question: GridQuestion, rows: readonly Option[], read: Read): Parsed {
  const answered: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const row of rows) {
    const field = rowFieldName(question.code, row.code);
    const raw = scalar(read(field));
    if (raw.state === "absent") {
      if (question.required) problems.push({ field, kind: "required", message: messages.row(row.label) });
    } else if (raw.state === "bad" || !question.columns.some((c) => c.code === raw.value)) {
      problems.push({ field, kind: "invalid", message: messages.row(row.label) });
    } else answered[row.code] = raw.value;
  }
  const ok = problems.every((p) => p.kind === "required") && Object.keys(answered).length > 0;
  return ok ? { answer: { type: "grid", rows: answered }, problems } : { problems };
}

// Plain digits, or digits grouped by commas the way people write "60,000".
// Exponents ("1e3"), hex, "Infinity" and stray signs are refused outright.
const INTEGER = /^-?(\d{1,15}|\d{1,3}(,\d{3}){1,4})$/;
const DECIMAL = /^-?(\d{1,15}|\d{1,3}(,\d{3}){1,4})?(\.\d{1,10})?$/;

export function parseNumber(question: NumberQuestion, read: Read): Parsed {
  const field = fieldName(question.code);
  const message = numberMessage(question);
  const raw = scalar(read(field));
  if (raw.state === "bad") return fail(field, "invalid", message);
  if (raw.state === "absent") return question.required ? fail(field, "required", message) : NONE;
  const pattern = question.type === "integer" ? INTEGER : DECIMAL;
  if (!pattern.test(raw.value) || !/\d/.test(raw.value)) return fail(field, "invalid", message);
  // "-0" would otherwise be stored as negative zero
  const value = Number(raw.value.replaceAll(",", "")) + 0;
  if (!Number.isFinite(value) || value < question.min || value > question.max) return fail(field, "invalid", message);
  return { answer: { type: "number", value }, problems: [] };
}

export function parseText(question: TextQuestion, read: Read): Parsed {
  const field = fieldName(question.code);
  // a one-line input cannot hold line breaks; a tampered one gets spaces instead
  const clean = question.type === "text" ? (s: string) => cleanText(s).replace(/\s*\n\s*/g, " ") : cleanText;
  const raw = scalar(read(field), clean);
  if (raw.state === "bad") return fail(field, "invalid", messages.unreadable);
  if (raw.state === "absent") return question.required ? fail(field, "required", messages.enterText) : NONE;
  if (raw.value.length > question.maxLength) {
    return fail(field, "invalid", messages.tooLong(question.maxLength, raw.value.length));
  }
  return { answer: { type: "text", value: raw.value }, problems: [] };
}
