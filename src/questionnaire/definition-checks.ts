// The cross-reference checks zod cannot express: codes that must be unique or
// exist, and skip conditions that may only look backwards (so one pass in
// questionnaire order settles skip logic, and no page depends on a later one).
import type { Condition, Option, Question, Questionnaire } from "./definition-schema.js";
import { variablesOf } from "./variable-names.js";

type Earlier = ReadonlyMap<string, Question>;

/** Every problem found, each naming the section or question it is about. */
export function crossReferenceProblems(definition: Questionnaire): string[] {
  const problems: string[] = [];
  const allCodes = new Set(definition.sections.flatMap((s) => s.questions.map((q) => q.code)));
  const earlier = new Map<string, Question>();
  const sectionCodes = new Set<string>();
  for (const section of definition.sections) {
    const where = `section ${section.code}`;
    if (sectionCodes.has(section.code)) problems.push(`${where}: code is used by more than one section`);
    sectionCodes.add(section.code);
    if (section.showIf) checkCondition(section.showIf, earlier, allCodes, where, problems);
    for (const question of section.questions) {
      const at = `question ${question.code}`;
      if (earlier.has(question.code)) problems.push(`${at}: code is used by more than one question`);
      if (question.showIf) checkCondition(question.showIf, earlier, allCodes, at, problems);
      problems.push(...questionProblems(question, earlier, allCodes).map((p) => `${at}: ${p}`));
      if (!earlier.has(question.code)) earlier.set(question.code, question);
    }
  }
  if (problems.length === 0) problems.push(...variableNameProblems(definition));
  return problems;
}

function questionProblems(question: Question, earlier: Earlier, allCodes: ReadonlySet<string>): string[] {
  switch (question.type) {
    case "single":
      return [...optionProblems(question.options, "option"), ...otherProblems(question.options, question.otherOption)];
    case "multiple": {
      const codes = new Set(question.options.map((o) => o.code));
      const problems = [
        ...optionProblems(question.options, "option"),
        ...otherProblems(question.options, question.otherOption),
      ];
      for (const code of question.exclusive ?? []) {
        if (!codes.has(code)) problems.push(`exclusive option "${code}" is not one of its options`);
      }
      if (question.minSelected !== undefined && question.minSelected > question.options.length) {
        problems.push(`minSelected (${question.minSelected}) is more than its ${question.options.length} options`);
      }
      return problems;
    }
    case "grid":
      return [...gridRowProblems(question, earlier, allCodes), ...optionProblems(question.columns, "column")];
    case "integer":
    case "decimal":
      return question.min > question.max ? [`min (${question.min}) is greater than max (${question.max})`] : [];
    default:
      return [];
  }
}

function gridRowProblems(
  question: Extract<Question, { type: "grid" }>,
  earlier: Earlier,
  allCodes: ReadonlySet<string>,
): string[] {
  if (question.rows && question.rowsFrom !== undefined) return ["a grid has either rows or rowsFrom, not both"];
  if (question.rows) return optionProblems(question.rows, "row");
  if (question.rowsFrom === undefined) return ["a grid needs rows or rowsFrom"];
  const source = earlier.get(question.rowsFrom);
  if (!source) return [`rowsFrom ${referenceProblem(question.rowsFrom, allCodes)}`];
  if (source.type !== "multiple") {
    return [`rowsFrom must name a multiple-choice question, but ${source.code} is ${source.type}`];
  }
  return [];
}

function optionProblems(options: readonly Option[], what: "option" | "row" | "column"): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  const values = new Set<number>();
  for (const option of options) {
    if (codes.has(option.code)) problems.push(`${what} code "${option.code}" is used more than once`);
    if (values.has(option.value)) problems.push(`${what} value ${option.value} is used more than once`);
    codes.add(option.code);
    values.add(option.value);
  }
  return problems;
}

function otherProblems(options: readonly Option[], otherOption: string | undefined): string[] {
  if (otherOption === undefined || options.some((o) => o.code === otherOption)) return [];
  return [`other option "${otherOption}" is not one of its options`];
}

function referenceProblem(code: string, allCodes: ReadonlySet<string>): string {
  return allCodes.has(code)
    ? `refers to ${code}, which does not come earlier in the questionnaire`
    : `refers to unknown question ${code}`;
}

function checkCondition(
  condition: Condition,
  earlier: Earlier,
  allCodes: ReadonlySet<string>,
  where: string,
  problems: string[],
): void {
  if ("all" in condition || "any" in condition) {
    for (const c of "all" in condition ? condition.all : condition.any)
      checkCondition(c, earlier, allCodes, where, problems);
    return;
  }
  if ("not" in condition) return checkCondition(condition.not, earlier, allCodes, where, problems);
  const target = earlier.get(condition.question);
  if (!target) {
    problems.push(`${where}: condition ${referenceProblem(condition.question, allCodes)}`);
    return;
  }
  const problem = operatorProblem(condition, target);
  if (problem) problems.push(`${where}: condition on ${target.code}: ${problem}`);
}

function operatorProblem(condition: Extract<Condition, { question: string }>, target: Question): string | undefined {
  const optionCodes = "options" in target ? new Set(target.options.map((o) => o.code)) : new Set<string>();
  const unknown = (codes: string[]) => codes.filter((c) => !optionCodes.has(c)).map((c) => `"${c}"`);
  let codes: string[] = [];
  if ("equals" in condition || "in" in condition) {
    if (target.type !== "single") return `"${"equals" in condition ? "equals" : "in"}" needs a single-choice question`;
    codes = "equals" in condition ? [condition.equals] : condition.in;
  } else if ("includes" in condition) {
    if (target.type !== "multiple") return `"includes" needs a multiple-choice question`;
    codes = [condition.includes];
  } else if (!("answered" in condition)) {
    if (target.type !== "integer" && target.type !== "decimal") return "a range needs an integer or decimal question";
    if (condition.gte !== undefined && condition.lte !== undefined && condition.gte > condition.lte) {
      return `the range is empty (gte ${condition.gte} > lte ${condition.lte})`;
    }
  }
  const missing = unknown(codes);
  return missing.length > 0 ? `option ${missing.join(", ")} is not one of its options` : undefined;
}

function variableNameProblems(definition: Questionnaire): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const question of definition.sections.flatMap((s) => s.questions)) {
    for (const { variable } of variablesOf(question, definition)) {
      const previous = owner.get(variable);
      if (previous !== undefined) {
        problems.push(
          `question ${question.code}: export variable ${variable} is also produced by question ${previous}`,
        );
      } else owner.set(variable, question.code);
    }
  }
  return problems;
}
