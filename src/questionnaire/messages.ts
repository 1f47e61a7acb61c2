// User-facing wording of validation messages, in one place so that a page's
// inline error and the review page's list always say the same thing.
import type { MultipleQuestion, NumberQuestion, Question } from "./definition-schema.js";
import { derivedOnce } from "./derived-once.js";

// Made once: toLocaleString builds a new formatter on every call, which cost a
// survey page more than its database queries.
const grouped = new Intl.NumberFormat("en-US", { useGrouping: true, maximumFractionDigits: 6 });
const ungrouped = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 6 });

/** Grouping only from five digits, so that years read "1990" but officers "60,000". */
export function formatLimit(n: number): string {
  return (Math.abs(n) >= 10_000 ? grouped : ungrouped).format(n);
}

/** Worked out once per question: every save of a page with numbers needs it, in case of an error. */
export const numberMessage = derivedOnce((question: NumberQuestion): string => {
  const range = `from ${formatLimit(question.min)} to ${formatLimit(question.max)}`;
  if (question.type === "decimal") return `Enter a number ${range}`;
  return question.unit === "year" ? `Enter a year ${range}` : `Enter a whole number ${range}`;
});

export function minSelectedMessage(question: MultipleQuestion): string {
  const min = Math.max(1, question.minSelected ?? 1);
  return min === 1 ? "Choose at least one option" : `Choose at least ${min} options`;
}

export const messages = {
  chooseOne: "Choose one of the options",
  chooseListed: "Choose only from the options listed",
  enterText: "Enter an answer",
  uploadFile: "Upload a file",
  unreadable: "This answer could not be read. Please enter it again",
  other: (label: string) => `Describe “${label}” in the box`,
  exclusive: (label: string) => `“${label}” cannot be combined with other options`,
  row: (label: string) => `Choose an answer for “${label}”`,
  everyRow: "Choose an answer in every row",
  rowsLeft: (count: number) => `Choose an answer in every row (${count} left)`,
  tooLong: (max: number, length: number) =>
    `Use ${formatLimit(max)} characters or fewer (this answer has ${formatLimit(length)})`,
};

/** What the review page says about a required question left unanswered. */
export function requiredMessage(question: Question): string {
  switch (question.type) {
    case "single":
      return messages.chooseOne;
    case "multiple":
      return minSelectedMessage(question);
    case "grid":
      return messages.everyRow;
    case "integer":
    case "decimal":
      return numberMessage(question);
    case "file":
      return messages.uploadFile;
    default:
      return messages.enterText;
  }
}
