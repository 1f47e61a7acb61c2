// The names of the HTML form fields of a question, shared by the parser, the
// pages that render the inputs, and the error summary that links to them.
// Question and row codes are UPPER_SNAKE, so "__other" can never clash with a row.

/** The input of single, multiple, integer, decimal, text and longtext questions. */
export function fieldName(questionCode: string): string {
  return `q_${questionCode}`;
}

/** The "other, please specify" text box. */
export function otherFieldName(questionCode: string): string {
  return `q_${questionCode}__other`;
}

/** One grid row's radio group. */
export function rowFieldName(questionCode: string, rowCode: string): string {
  return `q_${questionCode}__${rowCode}`;
}

/** What was typed, as the page should redisplay it: a string per field, a list for checkboxes. */
export type FormValues = Record<string, string | string[]>;
