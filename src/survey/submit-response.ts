// Submits a response once. Answers that skip logic made irrelevant are removed,
// so the final response holds only what applies. A double click, a replay or
// the back button cannot submit twice: only the in_progress -> submitted
// transition writes, and the database keeps one response per invitation.
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { queueThankYou } from "../invitations/queue-thank-you.js";
import { relevantAnswers, validateComplete, type FieldError, type Questionnaire } from "../questionnaire/index.js";
import { loadAnswers } from "./load-answers.js";

export type SubmitResult = { submitted: true; already: boolean } | { submitted: false; errors: FieldError[] };

export async function submitResponse(options: {
  db: Db;
  responseId: number;
  invitationId: number;
  questionnaire: Questionnaire;
  now?: Date;
}): Promise<SubmitResult> {
  const { db, responseId, invitationId, questionnaire, now = new Date() } = options;
  return db.$transaction(async (tx) => {
    const response = await tx.response.findUnique({ where: { id: responseId } });
    if (!response) throw new AppError("not_found", "Response not found");
    if (response.status === "submitted") return { submitted: true as const, already: true };
    const answers = await loadAnswers(tx, responseId, questionnaire);
    const errors = validateComplete(questionnaire, answers);
    if (errors.length) return { submitted: false as const, errors };

    const flipped = await tx.response.updateMany({
      where: { id: responseId, status: "in_progress" },
      data: { status: "submitted", submittedAt: now, revision: { increment: 1 } },
    });
    if (flipped.count === 0) return { submitted: true as const, already: true };
    const keep = new Set(Object.keys(relevantAnswers(questionnaire, answers)));
    const drop = Object.keys(answers).filter((code) => !keep.has(code));
    if (drop.length) {
      await tx.answer.deleteMany({ where: { responseId, questionCode: { in: drop } } });
      await tx.uploadedFile.deleteMany({ where: { responseId, questionCode: { in: drop } } });
    }
    await tx.invitation.update({ where: { id: invitationId }, data: { status: "submitted", submittedAt: now } });
    await tx.invitationEvent.create({ data: { invitationId, type: "submitted" } });
    await queueThankYou({ db: tx, invitationId, now });
    return { submitted: true as const, already: false };
  });
}
