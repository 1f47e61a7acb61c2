// A fingerprint of a section's saved answers, carried by its form, so a save
// can tell whether someone else (another tab, a colleague) changed that page
// since it was shown, and refuse to overwrite their answers silently.
import { createHash } from "node:crypto";
import { canonicalJson, findSection, type AnswerMap, type Questionnaire } from "../questionnaire/index.js";

export function sectionBaseline(questionnaire: Questionnaire, sectionCode: string, answers: AnswerMap): string {
  const codes = (findSection(questionnaire, sectionCode)?.questions ?? []).map((q) => q.code);
  const saved = Object.fromEntries(codes.filter((c) => Object.hasOwn(answers, c)).map((c) => [c, answers[c]]));
  return createHash("sha256").update(canonicalJson(saved)).digest("hex").slice(0, 32);
}
