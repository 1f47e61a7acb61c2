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

type Measured = {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  peakAnonMiB?: number;
  peakFileMiB?: number;
};

// Peak RSS counts file-backed pages as well as the process's own memory: the
// code of node and its modules (about 55 MiB), and the pages of the database
// file that SQLite memory-maps (mmap_size on Prisma's connection, see
// src/db/client.ts) as they are read, which is cache the kernel can drop, not
// memory the export holds. So the children also sample their anonymous and
// file-backed resident memory (RssAnon, RssFile in /proc/self/status, Linux only).
let peakAnonKiB = 0;
let peakFileKiB = 0;
function sampleMemory() {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const anon = /RssAnon:\s+(\d+) kB/.exec(status);
    const file = /RssFile:\s+(\d+) kB/.exec(status);
    if (anon) peakAnonKiB = Math.max(peakAnonKiB, Number(anon[1]));
    if (file) peakFileKiB = Math.max(peakFileKiB, Number(file[1]));
  } catch {
    // not Linux: peak RSS only
  }
}
if (positionals[0] === "subject" || positionals[0] === "baseline") setInterval(sampleMemory, 50).unref();

/**
 * The peak RSS of this process: VmHWM on Linux. Not getrusage's maxRSS, which
 * Linux carries over from the parent's memory at spawn: these children are
 * spawned by a parent that has just generated up to 100,000 responses, and a
 * child reported about 690 MiB, its parent's size, where its own samples
 * (anonymous plus file-backed) and a run on its own peaked near 410 MiB.
 */
function peakRssMiB(usage: NodeJS.ResourceUsage): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux
  }
  return usage.maxRSS / 1024;
}

/** Wall time, CPU time (less disturbed by the other work on a shared machine) and peak RSS of this process. */
function report(seconds: number) {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  sampleMemory();
  const peakRss = peakRssMiB(usage);
  const peakAnonMiB = peakAnonKiB > 0 ? peakAnonKiB / 1024 : undefined;
  const peakFileMiB = peakFileKiB > 0 ? peakFileKiB / 1024 : undefined;
  const mib = (n: number | undefined) => n?.toFixed(0) ?? "?";
  // on stderr too, which the parent passes through, for a parent that predates the fields
  console.error(
    `  ${mode}: peak RSS ${mib(peakRss)} MiB: peak anonymous ${mib(peakAnonMiB)} MiB, ` +
      `peak file-backed ${mib(peakFileMiB)} MiB (code and SQLite's memory-mapped database pages)`,
  );
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds,
      peakRssMiB: peakRss,
      peakAnonMiB,
      peakFileMiB,
    } satisfies Measured),
  );
}

if (mode === "subject") {
  const [url, out] = args as [string, string];
  const database = await openDatabase(url);
  const started = performance.now();
  const prepared = await prepareExport({
    db: database.prisma,
    read: database.read,
    provider: database.provider,
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
  const measured: { n: number; subject: Measured; baseline: Measured }[] = [];
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
      const ratio = (pick: (m: Measured) => number | undefined) => {
        const [x, y] = [pick(subject), pick(baseline)];
        return x === undefined || y === undefined ? "?" : (x / y).toFixed(2);
      };
      const mib = (value: number | undefined) => value?.toFixed(0) ?? "?";
      console.log(
        `${n} responses: time subject ${subject.seconds.toFixed(1)} s, baseline ${baseline.seconds.toFixed(1)} s ` +
          `(subject/baseline ${ratio((m) => m.seconds)}); CPU subject ${subject.cpuSeconds.toFixed(1)} s, ` +
          `baseline ${baseline.cpuSeconds.toFixed(1)} s (subject/baseline ${ratio((m) => m.cpuSeconds)}); ` +
          `peak RSS subject ${mib(subject.peakRssMiB)} MiB, baseline ${mib(baseline.peakRssMiB)} MiB ` +
          `(subject/baseline ${ratio((m) => m.peakRssMiB)}); of which anonymous subject ${mib(subject.peakAnonMiB)} MiB, ` +
          `baseline ${mib(baseline.peakAnonMiB)} MiB (subject/baseline ${ratio((m) => m.peakAnonMiB)}), ` +
          `file-backed (code, and for the subject SQLite's mmap pages) subject ${mib(subject.peakFileMiB)} MiB, ` +
          `baseline ${mib(baseline.peakFileMiB)} MiB`,
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
        `baseline ${(last.baseline.peakRssMiB / first.baseline.peakRssMiB).toFixed(2)}x; anonymous: subject ` +
        `${((last.subject.peakAnonMiB ?? NaN) / (first.subject.peakAnonMiB ?? NaN)).toFixed(2)}x, baseline ` +
        `${((last.baseline.peakAnonMiB ?? NaN) / (first.baseline.peakAnonMiB ?? NaN)).toFixed(2)}x`,
    );
  reportRatio("export", last.subject.seconds, last.baseline.seconds, "s", false);
}
