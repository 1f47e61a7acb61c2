// Turning untrusted JSON (a file, the database's definition column) into a
// Questionnaire the rest of the code can rely on, and fingerprinting it so that
// every response is bound to the exact version it answered.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { crossReferenceProblems } from "./definition-checks.js";
import { questionnaireSchema, type Questionnaire } from "./definition-schema.js";

const MAX_PROBLEMS_IN_MESSAGE = 10;

/** A definition that cannot be used; `problems` lists every finding, the message the first few. */
export class DefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).join("; ");
    const more =
      problems.length > MAX_PROBLEMS_IN_MESSAGE ? ` (and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more)` : "";
    super(`invalid questionnaire definition: ${shown}${more}`);
    this.name = "DefinitionError";
  }
}

export function loadDefinition(raw: unknown): Questionnaire {
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) throw new DefinitionError(parsed.error.issues.map((issue) => describeIssue(raw, issue)));
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) throw new DefinitionError(problems);
  return deepFreeze(parsed.data);
}

// A loaded definition is shared by every request and indexed by identity
// (answer-types.ts caches lookups per object), so it must never change in place.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** sha-256 (hex) of the canonical JSON: key order and formatting never change the hash, content always does. */
export function versionHashOf(definition: Questionnaire): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex");
}

/** JSON with object keys sorted at every level and undefined properties left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// Names the section and question a zod issue is about, from the raw input, so
// the author is told "question STATE: options.3.value" rather than "sections.0.questions.0...".
function describeIssue(raw: unknown, issue: z.ZodError["issues"][number]): string {
  const path = [...issue.path];
  const labels: string[] = [];
  let node: unknown = raw;
  for (const [key, kind] of [
    ["sections", "section"],
    ["questions", "question"],
  ] as const) {
    if (path[0] !== key || typeof path[1] !== "number") break;
    node = childOf(childOf(node, key), path[1]);
    const code = childOf(node, "code");
    labels.push(typeof code === "string" ? `${kind} ${code}` : `${kind} #${path[1] + 1}`);
    path.splice(0, 2);
  }
  // a question's code is unique, so it alone says where; without one, say which section too
  const last = labels[labels.length - 1];
  const where = last === undefined ? "definition" : last.includes("#") ? labels.join(", ") : last;
  const field = path.length > 0 ? `${path.map(String).join(".")}: ` : "";
  return `${where}: ${field}${issue.message}`;
}

function childOf(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== "object") return undefined;
  return Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}
