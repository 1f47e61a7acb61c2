// The questionnaire as data: its schema, the 2016 instrument, skip logic,
// page parsing, storage rows and the codebook. Everything here is pure.
export * from "./definition-schema.js";
export { DefinitionError, canonicalJson, loadDefinition, versionHashOf } from "./load-definition.js";
export { lesm2016, lesm2016Definition } from "./lesm-2016.js";
export {
  answerOf,
  answerTypeOf,
  findQuestion,
  findSection,
  questionIndex,
  type AnswerMap,
  type AnswerValue,
  type Located,
} from "./answer-types.js";
export {
  evaluate,
  gridRowCandidates,
  gridRowsFor,
  isAnswered,
  isQuestionShown,
  isSectionShown,
  relevantAnswers,
  visibleQuestions,
} from "./skip-logic.js";
export { fieldName, otherFieldName, rowFieldName, type FormValues } from "./form-fields.js";
export { parsePage, formValuesFor, type ErrorKind, type FieldError, type PageResult } from "./parse-page.js";
export { OTHER_MAX_LENGTH } from "./parse-fields.js";
export { validateComplete } from "./validate-complete.js";
export { FILE_SIZE_ITEM, OTHER_ITEM, fromAnswerRows, toAnswerRows, type AnswerRow } from "./answer-rows.js";
export {
  MISSING_CODES,
  NOT_APPLICABLE,
  NO_ANSWER,
  SELECTED_CODES,
  buildCodebook,
  type CodebookCode,
  type CodebookVariable,
  type VariableType,
} from "./codebook.js";
export { variableValues, type VariableValue } from "./codebook-values.js";
export { describeCondition, describeSkip } from "./describe-condition.js";
export { possibleGridRows, variablesOf, type VariableSpec } from "./variable-names.js";
