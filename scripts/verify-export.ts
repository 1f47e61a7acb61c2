// npm run verify:export -- [--responses 100000] [--db FILE]
// The end-to-end check of a large export, not part of `npm test` (it takes
// minutes): a demo survey of N synthetic responses (generated, or topped up in
// FILE when it is given and already holds some), the workbook downloaded
// through the real route by a signed-in researcher, then read twice, by
// exceljs's streaming reader and by LibreOffice (its Codes sheet converted to
// CSV), and every variable's counts of codes compared with the app's own
// frequency tables (compute-frequencies.ts, the results page's numbers):
// each option's count, and the not-asked (-8) and no-answer (-9) counts.
import { grantSurvey } from "../src/auth/survey-access.js";
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, sqlitePathOf } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { hashPassword } from "../src/auth/password-hash.js";
import { createLogger } from "../src/logger.js";
import { NOT_APPLICABLE, NO_ANSWER, variablesOf, type Questionnaire } from "../src/questionnaire/index.js";
import { computeFrequencies, type Frequencies } from "../src/results/compute-frequencies.js";
import { sqliteDemoInserter } from "../src/results/demo/insert-demo-batch-sqlite.js";
import { DEMO_SURVEY_SLUG, seedDemoResponses } from "../src/results/seed-demo-responses.js";
import { questionnaireOfVersion } from "../src/survey/questionnaire-versions.js";

const { values } = parseArgs({
  options: { responses: { type: "string", default: "100000" }, db: { type: "string" } },
});
const wanted = Number(values.responses);
const work = mkdtempSync(path.join(os.tmpdir(), "lesm-verify-export-"));
const file = values.db ? path.resolve(values.db) : path.join(work, "verify.db");
const url = `file:${file}`;
const PASSWORD = "verify the export end to end";
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** variable -> code -> count */
type Tally = Map<string, Map<number, number>>;

function tallyRow(tally: Tally, header: readonly string[], cells: readonly unknown[]) {
  header.forEach((variable, i) => {
    const cell = cells[i];
    const n = typeof cell === "number" ? cell : typeof cell === "string" && /^-?\d+$/.test(cell) ? Number(cell) : NaN;
    if (Number.isNaN(n)) return;
    let codes = tally.get(variable);
    if (!codes) tally.set(variable, (codes = new Map()));
    codes.set(n, (codes.get(n) ?? 0) + 1);
  });
}

/** What the frequency tables say each variable's codes should count. */
function expectedTally(questionnaire: Questionnaire, frequencies: Frequencies): Tally {
  const tally: Tally = new Map();
  const set = (variable: string, code: number, n: number) => {
    if (n === 0) return;
    let codes = tally.get(variable);
    if (!codes) tally.set(variable, (codes = new Map()));
    codes.set(code, (codes.get(code) ?? 0) + n);
  };
  for (const f of frequencies.questions) {
    const specs = variablesOf(f.question, questionnaire);
    if (f.kind === "single") {
      const main = specs.find((s) => s.kind === "main")!;
      const options = "options" in f.question ? f.question.options : [];
      for (const row of f.rows) set(main.variable, options.find((o) => o.code === row.code)!.value, row.count);
      set(main.variable, NOT_APPLICABLE, f.base.notAsked);
      set(main.variable, NO_ANSWER, f.base.noAnswer);
    } else if (f.kind === "multiple") {
      for (const spec of specs) {
        if (spec.kind !== "option") continue;
        const count = f.rows.find((r) => r.code === spec.option.code)?.count ?? 0;
        set(spec.variable, 1, count);
        set(spec.variable, 0, f.base.answered - count);
        set(spec.variable, NOT_APPLICABLE, f.base.notAsked);
        set(spec.variable, NO_ANSWER, f.base.noAnswer);
      }
    } else if (f.kind === "grid") {
      const columns = f.question.type === "grid" ? f.question.columns : [];
      for (const row of f.gridRows) {
        const variable = specs.find((s) => s.kind === "row" && s.row.code === row.code)!.variable;
        for (const cell of row.cells) set(variable, columns.find((c) => c.code === cell.code)!.value, cell.count);
        set(variable, NOT_APPLICABLE, row.base.notAsked);
        set(variable, NO_ANSWER, row.base.noAnswer);
      }
    } else {
      // numbers and text: only the missing codes are codes
      const main = specs.find((s) => s.kind === "main")!;
      set(main.variable, NOT_APPLICABLE, f.base.notAsked);
      set(main.variable, NO_ANSWER, f.base.noAnswer);
    }
  }
  return tally;
}

/** The differences, variable by variable, on the variables the frequency tables cover; empty when they agree. */
function compare(expected: Tally, seen: Tally, missingCodesOnly: Set<string>): string[] {
  const problems: string[] = [];
  for (const [variable, codes] of expected) {
    const got = seen.get(variable) ?? new Map<number, number>();
    const keys = new Set([...codes.keys(), ...[...got.keys()].filter((k) => !missingCodesOnly.has(variable) || k < 0)]);
    for (const code of keys)
      if ((codes.get(code) ?? 0) !== (got.get(code) ?? 0))
        problems.push(`${variable} = ${code}: tables ${codes.get(code) ?? 0}, sheet ${got.get(code) ?? 0}`);
  }
  return problems;
}

async function signedInCookie(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return (
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ") || cookie
  );
}

try {
  mkdirSync(path.dirname(file), { recursive: true });
  await migrate(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  const existing = await db.survey.findUnique({ where: { slug: DEMO_SURVEY_SLUG } });
  const have = existing ? await db.response.count({ where: { surveyId: existing.id } }) : 0;
  if (have < wanted) {
    const started = performance.now();
    const fast = sqliteDemoInserter(sqlitePathOf(url));
    try {
      const summary = await seedDemoResponses({
        db,
        responses: wanted - have,
        seed: 2016 + have,
        batchSize: 2000,
        insertBatch: fast.insert,
      });
      console.log(`generated ${summary.responses} responses, ${summary.answers} answer rows in ${seconds(started)}`);
    } finally {
      fast.close();
    }
  } else console.log(`reusing ${file}: ${have} responses`);
  const survey = await db.survey.findUniqueOrThrow({ where: { slug: DEMO_SURVEY_SLUG } });
  const questionnaire = await questionnaireOfVersion(db, survey.questionnaireVersionId);

  const email = `verify-${process.pid}@example.org`;
  const user = await db.user.create({
    data: { email, name: "Export check", role: "researcher", passwordHash: await hashPassword(PASSWORD) },
  });
  await grantSurvey({ db, userId: user.id, surveyId: survey.id, actor: { id: null, email: "verify:export" } });
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PUBLIC_URL: "http://127.0.0.1" });
  const app = createApp({
    config,
    db: database,
    logger: createLogger("error"),
    sessionSecret: "v".repeat(40),
    linkSecret: "l".repeat(40),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const workbookFile = path.join(work, "export.xlsx");
  let rowCount: number;
  try {
    const cookie = await signedInCookie(base, email);
    const started = performance.now();
    const res = await fetch(`${base}/export/responses.xlsx?survey=${DEMO_SURVEY_SLUG}&status=submitted`, {
      headers: { cookie },
    });
    if (res.status !== 200 || !res.body) throw new Error(`the export answered ${res.status}`);
    rowCount = Number(res.headers.get("x-row-count"));
    const out = createWriteStream(workbookFile);
    Readable.fromWeb(res.body as WebReadableStream).pipe(out);
    await finished(out);
    console.log(
      `exported ${rowCount} responses through GET /export/responses.xlsx in ${seconds(started)}: ${(statSync(workbookFile).size / 2 ** 20).toFixed(1)} MiB`,
    );
  } finally {
    server.close();
  }

  let started = performance.now();
  const frequencies = await computeFrequencies({
    db,
    surveyId: survey.id,
    questionnaire,
    filters: { status: "submitted" },
    useCache: false,
  });
  const expected = expectedTally(questionnaire, frequencies);
  const scalarVariables = new Set(
    frequencies.questions
      .filter((f) => f.kind === "number" || f.kind === "text")
      .flatMap((f) => variablesOf(f.question, questionnaire).map((s) => s.variable)),
  );
  console.log(`frequency tables of ${frequencies.responses} responses in ${seconds(started)}`);
  await database.close();

  // exceljs, streaming: the whole Codes sheet in memory would take gigabytes
  started = performance.now();
  const byExceljs: Tally = new Map();
  let exceljsRows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbookFile, { worksheets: "emit" });
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    if (ws.name !== "Codes") {
      for await (const _row of ws);
      continue;
    }
    let header: string[] | undefined;
    for await (const row of ws) {
      const cells = (row.values as unknown[]).slice(1);
      if (!header) header = cells.map(String);
      else {
        exceljsRows += 1;
        tallyRow(byExceljs, header, cells);
      }
    }
  }
  const exceljsProblems = compare(expected, byExceljs, scalarVariables);
  console.log(
    `exceljs: ${exceljsRows} rows in Codes read in ${seconds(started)}; ${exceljsProblems.length === 0 ? "every variable's counts agree with the frequency tables" : `${exceljsProblems.length} differences`}`,
  );

  // LibreOffice: the Codes sheet (the second) as CSV
  started = performance.now();
  const office = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${work}/profile`,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
      "--outdir",
      work,
      workbookFile,
    ],
    { stdio: "ignore", timeout: 3_600_000 },
  );
  const csvFile = path.join(work, "export-Codes.csv");
  let officeProblems: string[] | undefined;
  if (office.status !== 0) console.log(`LibreOffice: soffice exited with ${office.status ?? office.signal}`);
  else {
    const byOffice: Tally = new Map();
    let officeRows = 0;
    let header: string[] | undefined;
    for await (const record of createReadStream(csvFile).pipe(parse({ relax_column_count: true }))) {
      const cells = record as string[];
      if (!header) header = cells;
      else {
        officeRows += 1;
        tallyRow(byOffice, header, cells);
      }
    }
    officeProblems = compare(expected, byOffice, scalarVariables);
    console.log(
      `LibreOffice: converted and read ${officeRows} rows of Codes in ${seconds(started)}; ${officeProblems.length === 0 ? "every variable's counts agree with the frequency tables" : `${officeProblems.length} differences`}`,
    );
    if (officeRows !== rowCount) officeProblems.push(`LibreOffice rows ${officeRows}, X-Row-Count ${rowCount}`);
  }
  const problems = [
    ...exceljsProblems,
    ...(officeProblems ?? ["LibreOffice did not convert the workbook"]),
    ...(exceljsRows !== rowCount ? [`exceljs rows ${exceljsRows}, X-Row-Count ${rowCount}`] : []),
    ...(frequencies.responses !== rowCount ? [`tables ${frequencies.responses}, X-Row-Count ${rowCount}`] : []),
  ];
  console.log(`variables compared: ${expected.size}`);
  if (problems.length > 0) {
    console.log(`FAILED:\n${problems.slice(0, 40).join("\n")}`);
    process.exitCode = 1;
  } else
    console.log(`verified: ${rowCount} responses, the same counts in the frequency tables, exceljs and LibreOffice`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
