// The codebook: one entry per export variable, in questionnaire order, with its
// codes, its skip condition in words, and the version it belongs to. Every
// variable carries the two missing-value codes, so "not asked" is never
// confused with "asked but not answered".
import type { Condition, Question, QuestionType, Questionnaire } from "./definition-schema.js";
import { describeSkip } from "./describe-condition.js";
import { formatLimit } from "./messages.js";
import { OTHER_MAX_LENGTH } from "./parse-fields.js";
import { variablesOf, type VariableSpec } from "./variable-names.js";

/** Not asked: skip logic made the question (or row, or specify text) not applicable. */
export const NOT_APPLICABLE = -8;
/** Asked, not answered. */
export const NO_ANSWER = -9;

export type CodebookCode = { value: number; code: string; label: string };

export const MISSING_CODES: readonly CodebookCode[] = [
  { value: NOT_APPLICABLE, code: "NOT_APPLICABLE", label: "Not asked: skip logic" },
  { value: NO_ANSWER, code: "NO_ANSWER", label: "Asked, not answered" },
];

export const SELECTED_CODES: readonly CodebookCode[] = [
  { value: 1, code: "SELECTED", label: "Selected" },
  { value: 0, code: "NOT_SELECTED", label: "Not selected" },
];

/** How the variable's values are measured (question types say how they were asked). */
export type VariableType = "categorical" | "binary" | "integer" | "decimal" | "text" | "file";

export type CodebookVariable = {
  variable: string;
  /** section code */
  section: string;
  questionCode: string;
  /** the Answer rows' itemCode: "" for the question itself, an option or row code, or "__other" */
  itemCode: string;
  text: string;
  /** the option or row this variable is about; "" for the question itself */
  itemLabel: string;
  type: VariableType;
  questionType: QuestionType;
  codes: CodebookCode[];
  skipCondition: string;
  /** range, unit, length limit or accepted files, in words */
  notes: string;
  /** the questionnaire's version hash */
  version: string;
};

export function buildCodebook(questionnaire: Questionnaire, versionHash: string): CodebookVariable[] {
  return questionnaire.sections.flatMap((section) =>
    section.questions.flatMap((question) =>
      variablesOf(question, questionnaire).map((spec): CodebookVariable => {
        const { type, codes, notes } = describeValues(question, spec);
        return {
          variable: spec.variable,
          section: section.code,
          questionCode: question.code,
          itemCode: spec.itemCode,
          text: question.text,
          itemLabel: itemLabelOf(question, spec),
          type,
          questionType: question.type,
          codes: [...codes, ...MISSING_CODES],
          skipCondition: describeSkip([section.showIf, question.showIf, itemCondition(question, spec)], questionnaire),
          notes,
          version: versionHash,
        };
      }),
    ),
  );
}

/** A row of a rowsFrom grid is asked only of agencies that chose it; a specify text only with its option. */
function itemCondition(question: Question, spec: VariableSpec): Condition | undefined {
  if (spec.kind === "row" && question.type === "grid" && question.rowsFrom !== undefined) {
    return { question: question.rowsFrom, includes: spec.row.code };
  }
  if (spec.kind === "other" && question.type === "single" && question.otherOption !== undefined) {
    return { question: question.code, equals: question.otherOption };
  }
  if (spec.kind === "other" && question.type === "multiple" && question.otherOption !== undefined) {
    return { question: question.code, includes: question.otherOption };
  }
  return undefined;
}

function itemLabelOf(question: Question, spec: VariableSpec): string {
  if (spec.kind === "option") return spec.option.label;
  if (spec.kind === "row") return spec.row.label;
  if (spec.kind === "other" && "options" in question) {
    const label = question.options.find((o) => o.code === question.otherOption)?.label ?? "Other";
    return `${label}: please specify`;
  }
  return "";
}

function describeValues(
  question: Question,
  spec: VariableSpec,
): { type: VariableType; codes: readonly CodebookCode[]; notes: string } {
  const codesOf = (options: readonly { value: number; code: string; label: string }[]) =>
    options.map(({ value, code, label }) => ({ value, code, label }));
  if (spec.kind === "other") return { type: "text", codes: [], notes: `Text, up to ${OTHER_MAX_LENGTH} characters` };
  if (spec.kind === "option") return { type: "binary", codes: SELECTED_CODES, notes: "" };
  switch (question.type) {
    case "single":
      return { type: "categorical", codes: codesOf(question.options), notes: "" };
    case "multiple":
      return { type: "binary", codes: SELECTED_CODES, notes: "" };
    case "grid":
      return { type: "categorical", codes: codesOf(question.columns), notes: "" };
    case "integer":
    case "decimal": {
      const unit = question.unit === undefined ? "" : ` (${question.unit})`;
      const kind = question.type === "integer" ? "Whole number" : "Number";
      return {
        type: question.type,
        codes: [],
        notes: `${kind} from ${formatLimit(question.min)} to ${formatLimit(question.max)}${unit}`,
      };
    }
    case "text":
    case "longtext":
      return { type: "text", codes: [], notes: `Text, up to ${formatLimit(question.maxLength)} characters` };
    case "file":
      return {
        type: "file",
        codes: [],
        notes: `Uploaded file (${question.accept.join(", ")}), up to ${formatBytes(question.maxBytes)}; the value is the file name`,
      };
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${formatLimit(Math.round(mib * 10) / 10)} MiB` : `${formatLimit(Math.ceil(bytes / 1024))} KiB`;
}
