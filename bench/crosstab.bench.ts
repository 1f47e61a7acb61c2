// A cross-tab over 100,000 synthetic responses: agency type (sample frame) by
// WRITTEN_POLICY (asked of social-media users only), submitted responses only,
// through the results service (skip logic as SQL, tests of significance), beside
// a hand-written GROUP BY computing the same counts with plain better-sqlite3.
//   npx tsx bench/crosstab.bench.ts [--responses 100000] [--rounds 7] [--db FILE]
// --db keeps the generated database in FILE, and reuses it when it is there
// (generating 100,000 responses takes a minute or two).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { lesm2016 } from "../src/questionnaire/index.js";
import { computeCrossTab } from "../src/results/compute-crosstab.js";
import { sqliteDemoInserter } from "../src/results/demo/insert-demo-batch-sqlite.js";
import { DEMO_SURVEY_SLUG, seedDemoResponses } from "../src/results/seed-demo-responses.js";
import { reportRatio } from "./support/report.js";

const { values } = parseArgs({
  options: {
    responses: { type: "string", default: "100000" },
    rounds: { type: "string", default: "7" },
    db: { type: "string" },
  },
});
const responses = Number(values.responses);
const rounds = Number(values.rounds);

const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-crosstab-"));
const file = values.db ? path.resolve(values.db) : path.join(dir, "bench.db");
try {
  await migrate(`file:${file}`);
  const seeding = await openDatabase(`file:${file}`);
  let surveyId = (await seeding.prisma.survey.findUnique({ where: { slug: DEMO_SURVEY_SLUG } }))?.id;
  if (surveyId !== undefined) {
    console.log(`reusing ${file}: ${await seeding.prisma.response.count({ where: { surveyId } })} responses`);
  } else {
    // through the plain driver (with its own large page cache); the measurements below use the default cache
    const fast = sqliteDemoInserter(file);
    const summary = await seedDemoResponses({
      db: seeding.prisma,
      responses,
      batchSize: 2000,
      insertBatch: fast.insert,
    });
    fast.close();
    surveyId = summary.survey.id;
    console.log(
      `generated ${summary.responses} responses (${summary.submitted} submitted), ${summary.answers} answer rows in ${(summary.milliseconds / 1000).toFixed(1)} s`,
    );
  }
  await seeding.close();
  const id = surveyId;

  // Both sides read the file through their own connection with SQLite's default cache.
  const db = await openDatabase(`file:${file}`);
  const plain = new Database(file, { readonly: true });
  const baselineQuery = plain.prepare<[number], { row_value: string; col_value: string; n: number }>(`
    SELECT g.agency_type AS row_value, a.value_code AS col_value, COUNT(*) AS n
    FROM answers a
    JOIN responses r ON r.id = a.response_id
    JOIN invitations i ON i.id = r.invitation_id
    JOIN agencies g ON g.id = i.agency_id
    WHERE a.question_code = 'WRITTEN_POLICY' AND a.item_code = '' AND r.survey_id = ? AND r.status = 'submitted'
      AND EXISTS (SELECT 1 FROM answers s WHERE s.response_id = r.id AND s.question_code = 'USES_SOCIAL_MEDIA' AND s.item_code = '' AND s.value_code = 'YES')
    GROUP BY 1, 2`);
  const subject = () =>
    computeCrossTab({
      db: db.prisma,
      provider: db.provider,
      surveyId: id,
      questionnaire: lesm2016,
      rowId: "agency_type",
      colId: "WRITTEN_POLICY",
      filters: { status: "submitted" },
    });
  const baseline = () => baselineQuery.all(id);

  // Same counts, or the comparison means nothing.
  const tab = await subject();
  const counted = new Map(baseline().map((r) => [`${r.row_value}/${r.col_value}`, r.n]));
  tab.rowCategories.forEach((row, i) =>
    tab.colCategories.forEach((col, j) => {
      const n = tab.counts[i]![j]!;
      if ((counted.get(`${row.code}/${col.code}`) ?? 0) !== n)
        throw new Error(`counts differ at ${row.code}/${col.code}`);
    }),
  );
  console.log(
    `table: ${tab.total} responses in ${tab.rowCategories.length} x ${tab.colCategories.length} cells; ${tab.excluded} left out (not asked or not answered)`,
  );

  // wall time is what the ratio uses; CPU time says what an idle machine would see
  const cpu: Record<"s" | "b", number[]> = { s: [], b: [] };
  const time = async (run: () => unknown, side: "s" | "b") => {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await run();
    const used = process.cpuUsage(startCpu);
    cpu[side].push((used.user + used.system) / 1000);
    return performance.now() - start;
  };
  const s: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // alternate, so drift on a shared machine hits both alike
    b.push(await time(baseline, "b"));
    s.push(await time(subject, "s"));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  console.log(`subject rounds ${list(s)} ms (CPU ${list(cpu.s)}); baseline rounds ${list(b)} ms (CPU ${list(cpu.b)})`);
  plain.close();
  await db.close();
  reportRatio("crosstab", median(s), median(b), "ms", false);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
