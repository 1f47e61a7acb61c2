// A fingerprint of a section's saved answers, carried by its form, so a save
// can tell whether someone else (another tab, a colleague) changed that page
// since it was shown, and refuse to overwrite their answers silently.
//
// Every page view and every save works one out (a save two), so each answer is
// written in a fixed form of its own rather than as generic canonical JSON,
// which sorted and re-serialized every object on the way, and hashed in one
// call (crypto.hash) rather than through a Hash object.
import { hash } from "node:crypto";
import { answerOf, findSection, type AnswerMap, type AnswerValue, type Questionnaire } from "../questionnaire/index.js";

export function sectionBaseline(questionnaire: Questionnaire, sectionCode: string, answers: AnswerMap): string {
  let text = "";
  for (const { code } of findSection(questionnaire, sectionCode)?.questions ?? []) {
    const answer = answerOf(answers, code);
    if (answer) text += `${code}=${fingerprintOf(answer)}\n`;
  }
  return hash("sha256", text, "hex").slice(0, 32);
}

// Strings go through JSON.stringify, so no answer's text can imitate another's form.
function fingerprintOf(answer: AnswerValue): string {
  const other = "other" in answer && answer.other !== undefined ? `+${JSON.stringify(answer.other)}` : "";
  switch (answer.type) {
    case "single":
      return `s${JSON.stringify(answer.code)}${other}`;
    case "multiple":
      // a set of codes: the order they came in does not matter
      return `m${JSON.stringify([...answer.codes].sort())}${other}`;
    case "grid":
      return `g${JSON.stringify(Object.entries(answer.rows).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    case "number":
      return `n${answer.value}`;
    case "text":
      return `t${JSON.stringify(answer.value)}`;
    case "file":
      return `f${answer.fileId}:${answer.size}:${JSON.stringify(answer.filename)}`;
  }
}
