// The Excel export of N synthetic responses (default 100,000) through our
// service to a file, against exceljs's streaming writer filling the same number
// of cells (same sheets, same columns, same kinds of values) with no database
// and no application logic. Each side runs in its own child process so its peak
// RSS is its own.
//   npx tsx bench/export.bench.ts [--responses 100000]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { prepareExport } from "../src/export/prepare-export.js";
import { writeResponsesWorkbook } from "../src/export/write-responses-workbook.js";
import { buildCodebook, lesm2016 } from "../src/questionnaire/index.js";
import { seedInstrument } from "../src/seed/seed-instrument.js";
import { reportRatio } from "./support/report.js";

const { values, positionals } = parseArgs({
  options: { responses: { type: "string", default: "100000" } },
  allowPositionals: true,
});
const [mode, ...args] = positionals;
const viewer = { email: "bench@example.org", name: "Bench", role: "researcher" as const, canSeeContacts: false };

function report(seconds: number) {
  console.log(JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

if (mode === "subject") {
  const [url, out] = args as [string, string];
  const database = await openDatabase(url);
  const started = performance.now();
  const prepared = await prepareExport({ db: database.prisma, filters: { status: "submitted" } });
  const output = createWriteStream(out);
  await writeResponsesWorkbook({ db: database.prisma, prepared, output, viewer });
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
  const n = Number(values.responses);
  const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-export-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  const { survey } = await seedInstrument(db);
  const loadStarted = performance.now();
  const BATCH = 2000;
  for (let from = 0; from < n; from += BATCH) {
    const size = Math.min(BATCH, n - from);
    const ids = Array.from({ length: size }, (_, k) => from + k + 1);
    await db.agency.createMany({
      data: ids.map((i) => ({ id: i, name: `Agency ${i}`, ori: `OR${i}`, state: "OH", agencyType: "MUNICIPAL" })),
    });
    await db.invitation.createMany({
      data: ids.map((i) => ({ id: i, surveyId: survey.id, agencyId: i, tokenHash: `bench-${i}`, status: "submitted" })),
    });
    await db.response.createMany({
      data: ids.map((i) => ({
        id: i,
        invitationId: i,
        surveyId: survey.id,
        questionnaireVersionId: survey.questionnaireVersionId,
        status: "submitted",
        submittedAt: new Date(),
      })),
    });
    // A simple, plausible answer set: a user of social media, two platforms, a few scalars.
    await db.answer.createMany({
      data: ids.flatMap((i) => [
        { responseId: i, questionCode: "STATE", valueCode: "OH" },
        { responseId: i, questionCode: "AGENCY_TYPE", valueCode: "MUNICIPAL" },
        { responseId: i, questionCode: "SWORN_OFFICERS", valueNumber: 20 + (i % 500) },
        { responseId: i, questionCode: "USES_SOCIAL_MEDIA", valueCode: i % 10 === 0 ? "NO" : "YES" },
        { responseId: i, questionCode: "YEAR_STARTED", valueNumber: 2005 + (i % 11) },
        { responseId: i, questionCode: "PLATFORMS", itemCode: "FACEBOOK", valueCode: "FACEBOOK" },
        { responseId: i, questionCode: "PLATFORMS", itemCode: "TWITTER", valueCode: "TWITTER" },
        { responseId: i, questionCode: "TONE", valueCode: "BALANCED" },
        { responseId: i, questionCode: "COMMENTS", valueText: `Comment number ${i}` },
      ]),
    });
  }
  await database.close();
  console.log(`loaded ${n} responses in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  const run = (...childArgs: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, ...childArgs], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 20,
    });
    if (result.status !== 0) throw new Error(`${childArgs[0]} exited with ${result.status}`);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { seconds: number; peakRssMiB: number };
  };
  const subject = run("subject", url, path.join(dir, "subject.xlsx"));
  const baseline = run("baseline", path.join(dir, "baseline.xlsx"), String(n));
  console.log(
    `peak RSS: subject ${subject.peakRssMiB.toFixed(0)} MiB, baseline ${baseline.peakRssMiB.toFixed(0)} MiB ` +
      `(ratio ${(subject.peakRssMiB / baseline.peakRssMiB).toFixed(2)})`,
  );
  rmSync(dir, { recursive: true, force: true });
  reportRatio("export", subject.seconds, baseline.seconds, "s", false);
}
