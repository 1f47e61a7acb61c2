// The bases and counts computed in SQL agree with the skip logic in
// TypeScript (variableValues, the codebook's -8/-9 codes) on a few hundred
// synthetic responses, including stale answers that skip logic must ignore.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NOT_APPLICABLE,
  NO_ANSWER,
  fromAnswerRows,
  lesm2016,
  validateComplete,
  variableValues,
  type AnswerRow,
} from "../../src/questionnaire/index.js";
import { computeFrequencies, type QuestionFrequency } from "../../src/results/compute-frequencies.js";
import type { ResultFilters } from "../../src/results/filters.js";
import { seedDemoResponses } from "../../src/results/seed-demo-responses.js";
import { createTestDatabase, type MigratedDatabase } from "../support/database.js";

let t: MigratedDatabase;
let surveyId: number;
let byResponse: Map<number, { status: string; state: string; rows: AnswerRow[] }>;

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db.prisma;
  const summary = await seedDemoResponses({ db, responses: 400, seed: 7, batchSize: 150, submittedShare: 0.8 });
  surveyId = summary.survey.id;
  expect(summary).toMatchObject({ responses: 400, invitations: 520, agencies: 520 });
  expect(summary.submitted + summary.inProgress).toBe(400);
  // Stale answers, as an agency leaves them when it changes an earlier answer:
  // a non-user's policy, a grid row for a platform not chosen, impact methods without measuring.
  const responses = await db.response.findMany({ where: { surveyId }, select: { id: true }, orderBy: { id: "asc" } });
  const stale = responses
    .filter((_, i) => i % 3 === 0)
    .flatMap((r) => [
      { responseId: r.id, questionCode: "WRITTEN_POLICY", itemCode: "", valueCode: "YES" },
      { responseId: r.id, questionCode: "POSTING_FREQUENCY", itemCode: "SNAPCHAT", valueCode: "DAILY" },
      { responseId: r.id, questionCode: "IMPACT_METHODS", itemCode: "FOLLOWERS", valueCode: "FOLLOWERS" },
    ]);
  // where the agency has such a row already, the unique index keeps that one
  for (const row of stale) await db.answer.create({ data: row }).catch(() => undefined);
  const rows = await db.answer.findMany({
    where: { response: { surveyId } },
    select: {
      responseId: true,
      questionCode: true,
      itemCode: true,
      valueCode: true,
      valueNumber: true,
      valueText: true,
    },
  });
  const meta = await db.response.findMany({
    where: { surveyId },
    select: { id: true, status: true, invitation: { select: { agency: { select: { state: true } } } } },
  });
  byResponse = new Map(
    meta.map((m) => [m.id, { status: m.status, state: m.invitation.agency.state, rows: [] as AnswerRow[] }]),
  );
  for (const { responseId, ...row } of rows) byResponse.get(responseId)!.rows.push(row);
});
afterAll(async () => {
  await t.cleanup();
});

/** Counts by variable from the TypeScript skip logic: asked, no answer, and each code's count. */
function expected(filter: (r: { status: string; state: string }) => boolean) {
  const asked = new Map<string, number>();
  const noAnswer = new Map<string, number>();
  const values = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const entry of byResponse.values()) {
    if (!filter(entry)) continue;
    const vars = variableValues(lesm2016, fromAnswerRows(lesm2016, entry.rows));
    for (const [name, value] of Object.entries(vars)) {
      if (value === NOT_APPLICABLE) continue;
      bump(asked, name);
      if (value === NO_ANSWER) bump(noAnswer, name);
      else bump(values, `${name}=${value}`);
    }
  }
  return { asked, noAnswer, values };
}

function actual(questions: QuestionFrequency[]) {
  const asked = new Map<string, number>();
  const noAnswer = new Map<string, number>();
  const values = new Map<string, number>();
  for (const q of questions) {
    const options = "options" in q.question ? q.question.options : [];
    if (q.kind === "single") {
      asked.set(q.question.code, q.base.asked);
      noAnswer.set(q.question.code, q.base.noAnswer);
      for (const row of q.rows)
        values.set(`${q.question.code}=${options.find((o) => o.code === row.code)?.value}`, row.count);
    } else if (q.kind === "multiple") {
      for (const row of q.rows) {
        const name = `${q.question.code}_${row.code}`;
        asked.set(name, q.base.asked);
        noAnswer.set(name, q.base.noAnswer);
        values.set(`${name}=1`, row.count);
        values.set(`${name}=0`, q.base.answered - row.count);
      }
    } else if (q.kind === "grid" && q.question.type === "grid") {
      const columns = q.question.columns;
      for (const row of q.gridRows) {
        const name = `${q.question.code}_${row.code}`;
        asked.set(name, row.base.asked);
        noAnswer.set(name, row.base.noAnswer);
        for (const cell of row.cells)
          values.set(`${name}=${columns.find((c) => c.code === cell.code)?.value}`, cell.count);
      }
    }
  }
  return { asked, noAnswer, values };
}

/** Compare only the variables the SQL side reports, dropping zero counts the TypeScript side never creates. */
function compare(sql: ReturnType<typeof actual>, ts: ReturnType<typeof expected>) {
  for (const key of ["asked", "noAnswer", "values"] as const) {
    const mismatches = [...sql[key]]
      .filter(([name, n]) => (ts[key].get(name) ?? 0) !== n)
      .map(([name, n]) => `${key} ${name}: sql ${n}, skip logic ${ts[key].get(name) ?? 0}`);
    expect(mismatches).toEqual([]);
  }
}

describe("bases in SQL", () => {
  it.each<[string, ResultFilters, (r: { status: string; state: string }) => boolean]>([
    ["submitted only", { status: "submitted" }, (r) => r.status === "submitted"],
    ["partial responses too", { status: "all" }, () => true],
    [
      "the South, partial too",
      { status: "all", region: "SOUTH" },
      (r) =>
        ["DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV", "AL", "KY", "MS", "TN", "AR", "LA", "OK", "TX"].includes(
          r.state,
        ),
    ],
  ])("match the skip logic: %s", async (_label, filters, filter) => {
    const frequencies = await computeFrequencies({
      db: t.db.prisma,
      surveyId,
      questionnaire: lesm2016,
      filters,
      useCache: false,
    });
    expect(frequencies.responses).toBe([...byResponse.values()].filter(filter).length);
    compare(actual(frequencies.questions), expected(filter));
  });

  it("made submitted synthetic responses that are complete", () => {
    const incomplete = [...byResponse.values()]
      .filter((r) => r.status === "submitted")
      .map((r) => validateComplete(lesm2016, fromAnswerRows(lesm2016, r.rows)))
      .filter((errors) => errors.length > 0);
    expect(incomplete).toEqual([]);
  });
});
