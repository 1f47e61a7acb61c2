// The shape of a questionnaire definition. The instrument is data so that the
// real 2016 questionnaire (or next year's) can replace our reconstruction
// without code changes; this schema is the contract every definition meets.
// Objects are strict so that a misspelt key ("showif") fails loudly instead of
// silently dropping skip logic. Cross-references (codes that must exist, skip
// conditions that must look backwards) are checked in load-definition.ts.
import { z } from "zod";

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Stable identifiers: they become export variable names, so UPPER_SNAKE only. */
export const codeSchema = z
  .string()
  .max(60)
  .regex(UPPER_SNAKE, { message: "must be UPPER_SNAKE_CASE, e.g. USES_SOCIAL_MEDIA" });

export const optionSchema = z.strictObject({
  code: codeSchema,
  label: z.string().min(1),
  // numeric code in exports; positive so it never collides with the missing-value codes -8/-9
  value: z.int().min(1),
});
export type Option = z.output<typeof optionSchema>;

/** Skip logic as data: evaluated by skip-logic.ts, never by eval. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; equals: string }
  | { question: string; in: string[] }
  /** a multiple-choice answer contains this option */
  | { question: string; includes: string }
  | { question: string; answered: boolean }
  /** a number answer within bounds (inclusive); an unanswered question is never in range */
  | { question: string; gte?: number; lte?: number };

export const conditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ question: codeSchema, equals: codeSchema }),
    z.strictObject({ question: codeSchema, in: z.array(codeSchema).min(1) }),
    z.strictObject({ question: codeSchema, includes: codeSchema }),
    z.strictObject({ question: codeSchema, answered: z.boolean() }),
    z
      .strictObject({ question: codeSchema, gte: z.number().optional(), lte: z.number().optional() })
      .refine((c) => c.gte !== undefined || c.lte !== undefined, { message: "a range condition needs gte or lte" }),
  ]),
);

const base = {
  code: codeSchema,
  text: z.string().min(1),
  help: z.string().min(1).optional(),
  required: z.boolean(),
  showIf: conditionSchema.optional(),
};

const options = z.array(optionSchema).min(1);

export const singleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("single"),
  options,
  /** choosing this option asks for a specify text, which is dropped when another option is chosen */
  otherOption: codeSchema.optional(),
});

export const multipleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("multiple"),
  options,
  /** options that cannot be combined with any other ("None of these") */
  exclusive: z.array(codeSchema).optional(),
  otherOption: codeSchema.optional(),
  /** when anything is chosen, at least this many (an exclusive option alone is always enough) */
  minSelected: z.int().min(1).optional(),
});

export const gridQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("grid"),
  /** fixed rows; exactly one of rows and rowsFrom */
  rows: options.optional(),
  /** an earlier multiple question: its chosen (non-exclusive) options become the rows */
  rowsFrom: codeSchema.optional(),
  columns: options,
});

export const integerQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("integer"),
  min: z.int(),
  max: z.int(),
  /** what is counted, e.g. "sworn officers"; "year" makes messages say "Enter a year" */
  unit: z.string().min(1).optional(),
});

export const decimalQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("decimal"),
  min: z.number(),
  max: z.number(),
  unit: z.string().min(1).optional(),
});

export const textQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("text"),
  maxLength: z.int().min(1).max(10_000),
});

export const longtextQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("longtext"),
  maxLength: z.int().min(1).max(100_000),
});

export const fileQuestionSchema = z.strictObject({
  ...base,
  type: z.literal("file"),
  /** accepted MIME types */
  accept: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, { message: "must be a MIME type" })).min(1),
  maxBytes: z.int().min(1),
});

export const questionSchema = z.discriminatedUnion("type", [
  singleQuestionSchema,
  multipleQuestionSchema,
  gridQuestionSchema,
  integerQuestionSchema,
  decimalQuestionSchema,
  textQuestionSchema,
  longtextQuestionSchema,
  fileQuestionSchema,
]);

export const sectionSchema = z.strictObject({
  code: codeSchema,
  title: z.string().min(1),
  intro: z.string().min(1).optional(),
  showIf: conditionSchema.optional(),
  questions: z.array(questionSchema).min(1),
});

export const questionnaireSchema = z.strictObject({
  /** stable identifier of the instrument, e.g. "lesm-2016" */
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "must be lower-case kebab-case, e.g. lesm-2016" }),
  title: z.string().min(1),
  versionLabel: z.string().min(1),
  /** says how the instrument relates to the original; shown in the app and the codebook */
  reconstructionNote: z.string(),
  estimatedMinutes: z.int().min(1),
  sponsor: z.string().min(1),
  sections: z.array(sectionSchema).min(1),
});

export type Questionnaire = z.output<typeof questionnaireSchema>;
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;
export type Section = z.output<typeof sectionSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question["type"];
export type SingleQuestion = z.output<typeof singleQuestionSchema>;
export type MultipleQuestion = z.output<typeof multipleQuestionSchema>;
export type GridQuestion = z.output<typeof gridQuestionSchema>;
export type IntegerQuestion = z.output<typeof integerQuestionSchema>;
export type DecimalQuestion = z.output<typeof decimalQuestionSchema>;
export type NumberQuestion = IntegerQuestion | DecimalQuestion;
export type TextQuestion = z.output<typeof textQuestionSchema> | z.output<typeof longtextQuestionSchema>;
export type FileQuestion = z.output<typeof fileQuestionSchema>;
export type SectionInput = z.input<typeof sectionSchema>;
export type OptionInput = z.input<typeof optionSchema>;
