// The Excel export of N synthetic responses through our
// service to a file, against exceljs's streaming writer filling the same number
// of cells (same sheets, same columns, same kinds of values) with no database
// and no application logic. Each side runs in its own child process so its peak
// RSS is its own.
// Both sizes, 20,000 and 100,000 by default, show whether memory stays flat as
// the export grows.
//   npm run bench -- export [--sizes 20000,100000]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { prepareExport } from "../src/export/prepare-export.js";
import { responsePageLoader } from "../src/export/response-pages.js";
import { writeResponsesWorkbook } from "../src/export/write-responses-workbook.js";
import { buildCodebook, lesm2016 } from "../src/questionnaire/index.js";
import { sqliteDemoInserter } from "../src/results/demo/insert-demo-batch-sqlite.js";
import { DEMO_SURVEY_SLUG, seedDemoResponses } from "../src/results/seed-demo-responses.js";
import { reportRatio } from "./support/report.js";

const { values, positionals } = parseArgs({
  options: { sizes: { type: "string", default: "20000,100000" } },
  allowPositionals: true,
});
const [mode, ...args] = positionals;
const viewer = { email: "bench@example.org", name: "Bench", role: "researcher" as const, canSeeContacts: false };

type Measured = { seconds: number; cpuSeconds: number; peakRssMiB: number; peakAnonMiB?: number };

// Peak RSS counts the pages of the database file that SQLite memory-maps
// (mmap_size, 256 MiB on both connections) as they are read, which is cache the
// kernel can drop, not memory the export holds. So the children also sample
// their anonymous resident memory (RssAnon in /proc/self/status, Linux only).
let peakAnonKiB = 0;
function sampleAnon() {
  try {
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) peakAnonKiB = Math.max(peakAnonKiB, Number(match[1]));
  } catch {
    // not Linux: peak RSS only
  }
}
if (positionals[0] === "subject" || positionals[0] === "baseline") setInterval(sampleAnon, 50).unref();

/** Wall time, CPU time (less disturbed by the other work on a shared machine) and peak RSS of this process. */
function report(seconds: number) {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  sampleAnon();
  const peakAnonMiB = peakAnonKiB > 0 ? peakAnonKiB / 1024 : undefined;
  // on stderr too, which the parent passes through, for a parent that predates the field
  console.error(
    `  ${mode}: peak anonymous RSS ${peakAnonMiB?.toFixed(0) ?? "?"} MiB, peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MiB`,
  );
  console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMiB: usage.maxRSS / 1024, peakAnonMiB } satisfies Measured));
}

if (mode === "subject") {
  const [url, out] = args as [string, string];
  const database = await openDatabase(url);
  const started = performance.now();
  const prepared = await prepareExport({
    db: database.prisma,
    filters: { survey: DEMO_SURVEY_SLUG, status: "submitted" },
  });
  const output = createWriteStream(out);
  await writeResponsesWorkbook({
    db: database.prisma,
    provider: database.provider,
    read: database.read,
    prepared,
    output,
    viewer,
    loadPage: responsePageLoader(database.read, database.provider),
  });
  await finished(output);
  report((performance.now() - started) / 1000);
  await database.close();
} else if (mode === "baseline") {
  const [out, count] = args as [string, string];
  const n = Number(count);
  const variables = buildCodebook(lesm2016, "bench");
  const started = performance.now();
  const output = createWriteStream(out);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  const header = ["response_id", "agency_name", "ori", "state", "agency_type", "status", "submitted_at"].concat(
    variables.map((v) => v.variable),
  );
  const when = new Date();
  for (const [name, cell] of [
    ["Responses", (i: number) => (i % 3 === 0 ? "Selected" : i % 3 === 1 ? "Not selected" : 42)],
    ["Codes", (i: number) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 0 : -8)],
  ] as const) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(header).commit();
    for (let r = 1; r <= n; r++) {
      const row: (string | number | Date)[] = [r, `Agency ${r}`, `OR${r}`, "OH", "MUNICIPAL", "submitted", when];
      for (let c = 0; c < variables.length; c++) row.push(cell(r + c));
      sheet.addRow(row).commit();
    }
    sheet.commit();
  }
  const codebook = book.addWorksheet("Codebook");
  for (const v of variables) codebook.addRow([v.variable, v.text, v.itemLabel, v.type]).commit();
  codebook.commit();
  const invitations = book.addWorksheet("Invitations");
  for (let r = 1; r <= n; r++)
    invitations
      .addRow([r, `Agency ${r}`, `OR${r}`, "OH", "MUNICIPAL", "submitted", when, when, when, when, null, 0])
      .commit();
  invitations.commit();
  await book.commit();
  await finished(output);
  report((performance.now() - started) / 1000);
} else {
  const sizes = values.sizes.split(",").map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error("--sizes: whole numbers, comma-separated");
  sizes.sort((a, b) => a - b);
  const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-export-"));
  const file = path.join(dir, "bench.db");
  const url = `file:${file}`;
  await migrate(url);
  const run = (...childArgs: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, ...childArgs], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    });
    if (result.status !== 0) throw new Error(`${childArgs[0]} exited with ${result.status}`);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Measured;
  };
  const measured: {
    n: number;
    subject: { seconds: number; peakRssMiB: number };
    baseline: { seconds: number; peakRssMiB: number };
  }[] = [];
  try {
    let loaded = 0;
    for (const n of sizes) {
      // The demo generator's synthetic responses (skip logic followed, about 40 answer rows each), all
      // submitted, one invitation each, written through the plain driver; each size tops up the last.
      const database = await openDatabase(url);
      const fast = sqliteDemoInserter(file);
      try {
        const summary = await seedDemoResponses({
          db: database.prisma,
          responses: n - loaded,
          seed: 2016 + loaded,
          batchSize: 2000,
          submittedShare: 1,
          nonResponders: 0,
          insertBatch: fast.insert,
        });
        console.log(
          `loaded ${summary.responses} more responses (${summary.answers} answer rows) in ${(summary.milliseconds / 1000).toFixed(1)} s`,
        );
      } finally {
        fast.close();
        await database.close();
      }
      loaded = n;
      const subject = run("subject", url, path.join(dir, "subject.xlsx"));
      const baseline = run("baseline", path.join(dir, "baseline.xlsx"), String(n));
      measured.push({ n, subject, baseline });
      console.log(
        `${n} responses: time subject ${subject.seconds.toFixed(1)} s, baseline ${baseline.seconds.toFixed(1)} s ` +
          `(subject/baseline ${(subject.seconds / baseline.seconds).toFixed(2)}); CPU subject ${subject.cpuSeconds.toFixed(1)} s, ` +
          `baseline ${baseline.cpuSeconds.toFixed(1)} s (subject/baseline ${(subject.cpuSeconds / baseline.cpuSeconds).toFixed(2)}); peak RSS subject ${subject.peakRssMiB.toFixed(0)} MiB, ` +
          `baseline ${baseline.peakRssMiB.toFixed(0)} MiB (subject/baseline ${(subject.peakRssMiB / baseline.peakRssMiB).toFixed(2)})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const first = measured[0]!;
  const last = measured.at(-1)!;
  if (measured.length > 1)
    console.log(
      `peak RSS growth from ${first.n} to ${last.n} responses: subject ${(last.subject.peakRssMiB / first.subject.peakRssMiB).toFixed(2)}x, ` +
        `baseline ${(last.baseline.peakRssMiB / first.baseline.peakRssMiB).toFixed(2)}x`,
    );
  reportRatio("export", last.subject.seconds, last.baseline.seconds, "s", false);
}
