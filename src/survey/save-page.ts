// Saves one page of answers. The page's stored answers are replaced by the
// submitted ones in one transaction, unless they changed since the page was
// shown (its baseline), in which case nothing is written and the caller shows
// the conflict.
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { findSection, toAnswerRows, type AnswerMap, type Questionnaire } from "../questionnaire/index.js";
import { loadAnswers } from "./load-answers.js";
import { sectionBaseline } from "./section-baseline.js";

export type SavePageResult =
  { saved: true; baseline: string; answers: AnswerMap } | { saved: false; current: AnswerMap; baseline: string };

export async function savePage(options: {
  db: Db;
  responseId: number;
  questionnaire: Questionnaire;
  sectionCode: string;
  pageAnswers: AnswerMap;
  baseline: string;
  now?: Date;
}): Promise<SavePageResult> {
  const { db, responseId, questionnaire, sectionCode, pageAnswers, baseline, now = new Date() } = options;
  const section = findSection(questionnaire, sectionCode);
  if (!section) throw new AppError("not_found", "Page not found");
  // Files are saved by their own upload step; a page save never removes them.
  const codes = section.questions.filter((q) => q.type !== "file").map((q) => q.code);

  return db
    .$transaction(async (tx) => {
      // Claim the response row first: on PostgreSQL this row lock queues two
      // simultaneous saves of one response, so each sees the other's result.
      const claimed = await tx.response.updateMany({
        where: { id: responseId, status: "in_progress" },
        data: { revision: { increment: 1 }, lastSection: sectionCode, lastSavedAt: now },
      });
      if (claimed.count === 0)
        throw new AppError(
          "conflict",
          "This survey has already been submitted",
          "Its answers can no longer be changed. The survey coordinator can reopen it if something must be corrected.",
        );
      const current = await loadAnswers(tx, responseId, questionnaire);
      const currentBaseline = sectionBaseline(questionnaire, sectionCode, current);
      if (currentBaseline !== baseline) {
        // Throwing rolls the claim back too: a refused save leaves no trace.
        throw new StaleSave(current, currentBaseline);
      }
      await tx.answer.deleteMany({ where: { responseId, questionCode: { in: codes } } });
      const rows = Object.entries(pageAnswers).flatMap(([code, value]) => toAnswerRows(code, value));
      if (rows.length) await tx.answer.createMany({ data: rows.map((r) => ({ ...r, responseId })) });
      const answers = {
        ...Object.fromEntries(Object.entries(current).filter(([c]) => !codes.includes(c))),
        ...pageAnswers,
      };
      return { saved: true as const, baseline: sectionBaseline(questionnaire, sectionCode, answers), answers };
    })
    .catch((error: unknown) => {
      if (error instanceof StaleSave)
        return { saved: false as const, current: error.current, baseline: error.baseline };
      throw error;
    });
}

class StaleSave extends Error {
  constructor(
    readonly current: AnswerMap,
    readonly baseline: string,
  ) {
    super("stale page");
  }
}
