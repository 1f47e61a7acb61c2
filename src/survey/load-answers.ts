// A response's stored answers as an AnswerMap.
import type { DbOrTx } from "../db/client.js";
import { fromAnswerRows, type AnswerMap, type Questionnaire } from "../questionnaire/index.js";

export async function loadAnswers(db: DbOrTx, responseId: number, questionnaire: Questionnaire): Promise<AnswerMap> {
  const rows = await db.answer.findMany({
    where: { responseId },
    select: { questionCode: true, itemCode: true, valueCode: true, valueNumber: true, valueText: true },
  });
  return fromAnswerRows(questionnaire, rows);
}
