// Saving a page goes through its own connection (src/db/write-connection.ts).
// When another transaction holds the lock it needs (Prisma's, across
// event-loop turns), the save waits without blocking the server, then saves.
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { lesm2016, parsePage, type AnswerMap } from "../../src/questionnaire/index.js";
import { loadAnswers } from "../../src/survey/load-answers.js";
import { savePage, type StoredResponse } from "../../src/survey/save-page.js";
import { sectionBaseline } from "../../src/survey/section-baseline.js";
import { startResponse } from "../../src/survey/start-response.js";
import { AGENCY_FORM } from "../../bench/support/survey-client.js";
import { useTestDatabase } from "../support/database.js";
import { createInvitedAgency } from "../support/survey.js";

let db: Database;
useTestDatabase((opened) => (db = opened));

async function startedResponse() {
  const { invitation, survey } = await createInvitedAgency(db.prisma);
  return startResponse({
    db: db.prisma,
    invitationId: invitation.id,
    surveyId: survey.id,
    questionnaireVersionId: survey.questionnaireVersionId,
  });
}

const pageAnswers = parsePage(lesm2016, "AGENCY", AGENCY_FORM, {}).answers;

/** Saves the AGENCY page of a response, as an agency's request would. */
function saveAgencyPage(responseId: number, answers: AnswerMap, baseline: string, seen?: StoredResponse) {
  return savePage({
    write: db.write,
    responseId,
    questionnaire: lesm2016,
    sectionCode: "AGENCY",
    pageAnswers: answers,
    baseline,
    seen,
  });
}

describe("saving a page while another transaction holds the lock", () => {
  it("waits without blocking the event loop, then saves", async () => {
    const response = await startedResponse();
    let releaseLock!: () => void;
    const lockHeld = new Promise<void>((resolve) => (releaseLock = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // An interactive Prisma transaction that has written (so holds the SQLite
    // write lock, or the row lock on PostgreSQL) and stays open across turns.
    const holder = db.prisma.$transaction(
      async (tx) => {
        await tx.response.update({ where: { id: response.id }, data: { lastSection: "HELD" } });
        locked();
        await lockHeld;
      },
      { timeout: 20_000 },
    );
    await lockTaken;

    let saveDone = false;
    const save = saveAgencyPage(response.id, pageAnswers, sectionBaseline(lesm2016, "AGENCY", {})).finally(
      () => (saveDone = true),
    );
    // Timers still fire on time while the save waits: it never blocks the event loop.
    const gaps: number[] = [];
    await new Promise<void>((resolve) => {
      let last = Date.now();
      const timer = setInterval(() => {
        gaps.push(Date.now() - last);
        last = Date.now();
        if (gaps.length === 10) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    expect(Math.max(...gaps)).toBeLessThan(1000);
    expect(saveDone).toBe(false);

    releaseLock();
    await holder;
    const saved = await save;
    expect(saved.saved).toBe(true);
    expect(await loadAnswers(db.prisma, response.id, lesm2016)).toMatchObject({
      SWORN_OFFICERS: { type: "number", value: 42 },
      STATE: { type: "single", code: "OH" },
    });
    const row = await db.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
    expect(row.lastSection).toBe("AGENCY");
    expect(row.revision).toBe(1);
  });

  it("refuses a stale page inside the same transaction, writing nothing", async () => {
    const response = await startedResponse();
    const first = await saveAgencyPage(response.id, pageAnswers, sectionBaseline(lesm2016, "AGENCY", {}));
    expect(first.saved).toBe(true);
    // A second tab still holding the page as it was before the first save.
    const stale = await saveAgencyPage(
      response.id,
      { ...pageAnswers, SWORN_OFFICERS: { type: "number", value: 7 } },
      sectionBaseline(lesm2016, "AGENCY", {}),
    );
    expect(stale).toMatchObject({ saved: false, current: { SWORN_OFFICERS: { type: "number", value: 42 } } });
    const row = await db.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
    expect(row.revision).toBe(1);
    const stored = await db.prisma.answer.findMany({
      where: { responseId: response.id, questionCode: "SWORN_OFFICERS" },
    });
    expect(stored.map((a) => a.valueNumber)).toEqual([42]);
  });
});

describe("saving a page again", () => {
  it("keeps the rows that did not change and replaces those that did", async () => {
    const response = await startedResponse();
    const first = await saveAgencyPage(response.id, pageAnswers, sectionBaseline(lesm2016, "AGENCY", {}));
    const rowsOf = async () =>
      new Map(
        (await db.prisma.answer.findMany({ where: { responseId: response.id } })).map((a) => [a.questionCode, a]),
      );
    const before = await rowsOf();
    const { POPULATION_SERVED: _dropped, ...rest } = pageAnswers;
    const second = await saveAgencyPage(
      response.id,
      { ...rest, SWORN_OFFICERS: { type: "number", value: 43 } },
      first.baseline,
    );
    expect(second.saved).toBe(true);
    const after = await rowsOf();
    expect(after.get("STATE")!.id).toBe(before.get("STATE")!.id);
    expect(after.get("SWORN_OFFICERS")!.valueNumber).toBe(43);
    expect(after.has("POPULATION_SERVED")).toBe(false);
    expect(await loadAnswers(db.prisma, response.id, lesm2016)).toEqual({
      ...rest,
      SWORN_OFFICERS: { type: "number", value: 43 },
    });
  });

  it("uses the rows the request read while nothing was saved since, and reads them again once something was", async () => {
    const response = await startedResponse();
    const first = await saveAgencyPage(response.id, pageAnswers, sectionBaseline(lesm2016, "AGENCY", {}));
    const storedRows = async () =>
      (await db.prisma.answer.findMany({ where: { responseId: response.id }, orderBy: { id: "asc" } })).map(
        ({ id, questionCode, itemCode, valueCode, valueNumber, valueText }) => ({
          id,
          questionCode,
          itemCode,
          valueCode,
          valueNumber,
          valueText,
        }),
      );
    const rows = await storedRows();
    const changed = { ...pageAnswers, SWORN_OFFICERS: { type: "number" as const, value: 43 } };
    // What a request read before the first save: revision 0 and no rows. The
    // revision has moved on, so the save must not trust those rows (it would
    // insert every answer again beside the stored ones).
    const late = await saveAgencyPage(response.id, changed, first.baseline, { revision: 0, rows: [], answers: {} });
    expect(late.saved).toBe(true);
    const afterLate = await storedRows();
    expect(afterLate).toHaveLength(rows.length);
    expect(afterLate.find((r) => r.questionCode === "STATE")!.id).toBe(
      rows.find((r) => r.questionCode === "STATE")!.id,
    );
    // Read now, with the revision it has: trusted, and the result is the same as reading them.
    const revision = (await db.prisma.response.findUniqueOrThrow({ where: { id: response.id } })).revision;
    const current = await loadAnswers(db.prisma, response.id, lesm2016);
    const again = await saveAgencyPage(response.id, pageAnswers, late.saved ? late.baseline : "", {
      revision,
      rows: afterLate,
      answers: current,
    });
    expect(again.saved).toBe(true);
    expect(await loadAnswers(db.prisma, response.id, lesm2016)).toEqual(pageAnswers);
    expect((await db.prisma.response.findUniqueOrThrow({ where: { id: response.id } })).revision).toBe(revision + 1);
    const afterAgain = await storedRows();
    expect(afterAgain).toHaveLength(rows.length);
    expect(afterAgain.find((r) => r.questionCode === "SWORN_OFFICERS")!.valueNumber).toBe(42);
  });
});
