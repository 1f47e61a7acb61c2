// The coordinators' invitation list as Excel for N agencies (default 18,000,
// about the number of US law-enforcement agencies) through our service to a
// file, against exceljs's streaming writer filling the same cells with no
// database and no application logic; then the same for CSV against plain
// string building. Each side runs in its own child process so its peak RSS is
// its own.
//   npx tsx bench/invitation-list.bench.ts [--agencies 18000]
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { CSV_BOM, csvLine } from "../src/http/csv.js";
import { INVITATION_LIST_HEADER, prepareInvitationList } from "../src/invitations/invitation-list.js";
import { writeInvitationListCsv, writeInvitationListWorkbook } from "../src/invitations/write-invitation-list.js";
import { seedInstrument } from "../src/seed/seed-instrument.js";
import { reportRatio } from "./support/report.js";

const { values, positionals } = parseArgs({
  options: { agencies: { type: "string", default: "18000" } },
  allowPositionals: true,
});
const [mode, ...args] = positionals;
const STATUSES = ["not_invited", "invited", "opened", "started", "submitted", "opted_out", "failed"];

function report(seconds: number) {
  console.log(JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

/** The cells of one row, the same kinds the service writes. */
function row(i: number, when: Date): (string | number | Date | null)[] {
  return [i, `Agency ${i}`, null, "OH", "MUNICIPAL", "11 to 49 sworn officers", i % 500, "no", STATUSES[i % 7]!, when]
    .concat([when, null, null, null, 0, "", ""])
    .concat([`c${i}@agency.example`]);
}

if (mode === "subject") {
  const [url, out, format] = args as [string, string, string];
  const database = await openDatabase(url);
  const started = performance.now();
  const prepared = await prepareInvitationList({ db: database.prisma });
  const output = createWriteStream(out);
  if (format === "csv") await writeInvitationListCsv({ read: database.read, prepared, output });
  else await writeInvitationListWorkbook({ read: database.read, prepared, output, creator: "bench" });
  await finished(output);
  report((performance.now() - started) / 1000);
  await database.close();
} else if (mode === "baseline") {
  const [out, count, format] = args as [string, string, string];
  const n = Number(count);
  const when = new Date();
  const started = performance.now();
  const output = createWriteStream(out);
  if (format === "csv") {
    output.write(CSV_BOM + csvLine(INVITATION_LIST_HEADER));
    for (let i = 1; i <= n; i++) output.write(csvLine(row(i, when)));
    output.end();
  } else {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet("Invitations");
    sheet.addRow([...INVITATION_LIST_HEADER]).commit();
    for (let i = 1; i <= n; i++) sheet.addRow(row(i, when)).commit();
    sheet.commit();
    await book.commit();
  }
  await finished(output);
  report((performance.now() - started) / 1000);
} else {
  const n = Number(values.agencies);
  const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-bench-invitations-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  const { survey } = await seedInstrument(db);
  const BATCH = 2000;
  for (let from = 0; from < n; from += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, n - from) }, (_, k) => from + k + 1);
    await db.agency.createMany({
      data: ids.map((i) => ({
        id: i,
        name: `Agency ${i}`,
        state: "OH",
        agencyType: "MUNICIPAL",
        swornOfficers: i % 500,
        contactEmail: `c${i}@agency.example`,
      })),
    });
    await db.invitation.createMany({
      data: ids.map((i) => ({ surveyId: survey.id, agencyId: i, tokenHash: `bench-${i}`, status: STATUSES[i % 7]! })),
    });
  }
  await database.close();

  const run = (...childArgs: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, ...childArgs], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (result.status !== 0) throw new Error(`${childArgs[0]} exited with ${result.status}`);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { seconds: number; peakRssMiB: number };
  };
  type Run = { seconds: number; peakRssMiB: number };
  const results: Record<string, { subject: Run; baseline: Run }> = {};
  for (const format of ["csv", "xlsx"]) {
    const subject = run("subject", url, path.join(dir, `subject.${format}`), format);
    const baseline = run("baseline", path.join(dir, `baseline.${format}`), String(n), format);
    results[format] = { subject, baseline };
    console.log(
      `${format}: subject ${subject.seconds.toFixed(2)} s, ${subject.peakRssMiB.toFixed(0)} MiB peak; ` +
        `baseline ${baseline.seconds.toFixed(2)} s, ${baseline.peakRssMiB.toFixed(0)} MiB peak`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  const xlsx = results.xlsx!;
  reportRatio("invitation-list", xlsx.subject.seconds, xlsx.baseline.seconds, "s", false);
}
