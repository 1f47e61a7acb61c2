// A response's stored answers as an AnswerMap.
import type { DbOrTx } from "../db/client.js";
import type { ReadConnection } from "../db/read-connection.js";
import { fromAnswerRows, type AnswerMap, type Questionnaire } from "../questionnaire/index.js";
import { readAnswerRows } from "./read-invitation.js";

export async function loadAnswers(db: DbOrTx, responseId: number, questionnaire: Questionnaire): Promise<AnswerMap> {
  const rows = await db.answer.findMany({
    where: { responseId },
    select: { questionCode: true, itemCode: true, valueCode: true, valueNumber: true, valueText: true },
  });
  return fromAnswerRows(questionnaire, rows);
}

/** The same, through the plain-driver read connection (outside transactions, on hot paths). */
export async function readAnswers(
  read: ReadConnection,
  responseId: number,
  questionnaire: Questionnaire,
): Promise<AnswerMap> {
  return fromAnswerRows(questionnaire, await readAnswerRows(read, responseId));
}
