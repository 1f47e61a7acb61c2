// On SQLite the cross-tab looks answers up through lists (AnswerLookup "list"),
// elsewhere through correlated subqueries; both are plain SQL that SQLite runs,
// so on the same database they must give the same table for every kind of
// variable, with stale answers, unanswered questions and a code the
// questionnaire does not list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lesm2016 } from "../../src/questionnaire/index.js";
import { computeCrossTab } from "../../src/results/compute-crosstab.js";
import { seedDemoResponses } from "../../src/results/seed-demo-responses.js";
import { createTestDatabase, type MigratedDatabase } from "../support/database.js";

let t: MigratedDatabase;
let surveyId: number;

beforeAll(async () => {
  t = await createTestDatabase("sqlite");
  const db = t.db.prisma;
  const summary = await seedDemoResponses({ db, responses: 300, seed: 11, batchSize: 100, submittedShare: 0.8 });
  surveyId = summary.survey.id;
  const responses = await db.response.findMany({ where: { surveyId }, select: { id: true }, orderBy: { id: "asc" } });
  const extra = responses.flatMap((r, i) => [
    // a stale policy answer (shown only to users) and a code the definition does not have
    ...(i % 4 === 0 ? [{ responseId: r.id, questionCode: "WRITTEN_POLICY", itemCode: "", valueCode: "YES" }] : []),
    ...(i % 7 === 0 ? [{ responseId: r.id, questionCode: "WRITTEN_POLICY", itemCode: "", valueCode: "RETIRED" }] : []),
    ...(i % 5 === 0
      ? [{ responseId: r.id, questionCode: "POSTING_FREQUENCY", itemCode: "SNAPCHAT", valueCode: "DAILY" }]
      : []),
  ]);
  // where the response has such a row already, the unique index keeps that one
  for (const row of extra) await db.answer.create({ data: row }).catch(() => undefined);
});
afterAll(async () => {
  await t.cleanup();
});

describe("cross-tab answer lookups", () => {
  const pairs: [string, string][] = [
    ["agency_type", "WRITTEN_POLICY"],
    ["WRITTEN_POLICY", "POSTING_FREQUENCY_SNAPCHAT"],
    ["region", "PLATFORMS_FACEBOOK"],
    ["USES_SOCIAL_MEDIA", "size_band"],
  ];
  for (const [rowId, colId] of pairs) {
    it(`agree for ${rowId} by ${colId}`, async () => {
      const run = (provider: "sqlite" | "postgresql") =>
        computeCrossTab({
          db: t.db.prisma,
          provider,
          surveyId,
          questionnaire: lesm2016,
          rowId,
          colId,
          filters: { status: "all" },
        });
      const [lists, correlated] = await Promise.all([run("sqlite"), run("postgresql")]);
      expect(lists.total).toBeGreaterThan(0);
      expect(lists).toEqual(correlated);
    });
  }
});
