// A second opinion on the workbook: LibreOffice (Debian package
// libreoffice-calc-nogui) opens it and writes its first sheet, Responses, as
// CSV; its values must match what exceljs reads, and a formula-looking agency
// name must still be text (evaluated, it would read "click"). A saved
// cross-tab's sheet converts too, with the same numbers, and LibreOffice keeps
// its chart picture when it saves the workbook again. Skipped, saying so, where
// `soffice` is not installed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { binary } from "../support/binary-body.js";
import { parseCrossTabDefinition } from "../../src/results/crosstab-definition.js";
import { saveCrossTab } from "../../src/results/save-crosstab.js";
import { questionnaireOfVersion } from "../../src/survey/questionnaire-versions.js";
import { createUser, grantAllSurveys } from "../support/factories.js";
import { signIn } from "../support/session.js";
import { answerEverything, createInvitedAgency, submit } from "../support/survey.js";

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasSoffice)
  console.warn("export-libreoffice: soffice not found; install libreoffice-calc-nogui to run this check");

const HOSTILE_NAME = '=HYPERLINK("http://x","click")';
let t: TestApp;
let dir: string;

function soffice(args: string[]) {
  execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", ...args], {
    stdio: "ignore",
    timeout: 150_000,
  });
}

beforeAll(async () => {
  if (!hasSoffice) return;
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), "lesm-soffice-"));
  for (const options of [{ name: HOSTILE_NAME }, {}]) {
    const { token } = await createInvitedAgency(t.db.prisma, options);
    const { agent } = await answerEverything(
      t.app,
      token,
      options.name ? { COMMENTS: "-2" } : { USES_SOCIAL_MEDIA: "NO" },
    );
    expect((await submit(agent, token)).status).toBe(303);
  }
});
afterAll(async () => {
  if (!hasSoffice) return;
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSoffice)("the workbook in LibreOffice", () => {
  it("shows the same Responses values as exceljs reads, formulas as text", { timeout: 180_000 }, async () => {
    const user = await createUser(t.db.prisma, { role: "researcher" });
    await grantAllSurveys(t.db.prisma, user.id);
    const agent = await signIn(t.app, user.email);
    const res = await agent.get("/export/responses.xlsx").buffer(true).parse(binary).expect(200);
    const file = path.join(dir, "responses.xlsx");
    writeFileSync(file, res.body as Buffer);
    soffice(["--convert-to", "csv", "--outdir", dir, file]);
    const office = parse(readFileSync(path.join(dir, "responses.csv"), "utf8")) as string[][];

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    const expected: string[][] = [];
    const sheet = book.getWorksheet("Responses")!;
    sheet.eachRow((row) => {
      expected.push(
        Array.from({ length: sheet.columnCount }, (_, i) => {
          const value = row.getCell(i + 1).value;
          return value === null || value === undefined ? "" : String(value);
        }),
      );
    });
    const submittedAt = expected[0]!.indexOf("submitted_at");
    const withoutDates = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== submittedAt));
    expect(office).toHaveLength(3);
    expect(withoutDates(office)).toEqual(withoutDates(expected));
    expect(office.some((r) => r[1] === HOSTILE_NAME)).toBe(true);
    expect(office.flat()).not.toContain("click");
  });

  it("converts a cross-tab sheet with its numbers and keeps its chart", { timeout: 300_000 }, async () => {
    const user = await createUser(t.db.prisma, { role: "researcher" });
    await grantAllSurveys(t.db.prisma, user.id);
    const survey = await t.db.prisma.survey.findFirstOrThrow({ orderBy: { id: "desc" } });
    const saved = await saveCrossTab({
      db: t.db.prisma,
      surveyId: survey.id,
      questionnaire: await questionnaireOfVersion(t.db.prisma, survey.questionnaireVersionId),
      name: "Users by type",
      definition: parseCrossTabDefinition({ row: "USES_SOCIAL_MEDIA", col: "agency_type", pct: "col" }),
      userId: user.id,
    });
    const agent = await signIn(t.app, user.email);
    const res = await agent
      .get(`/export/responses.xlsx?survey=${survey.slug}&crosstab=${saved.slug}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const out = path.join(dir, "crosstab");
    const file = path.join(out, "crosstab.xlsx");
    execFileSync("mkdir", ["-p", path.join(out, "again")]);
    writeFileSync(file, res.body as Buffer);
    // CSV filter options: cells as shown (the ninth token), and the fifth sheet, the cross-tab (the last; the file is named after it)
    soffice([
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,5",
      "--outdir",
      out,
      file,
    ]);
    soffice(["--convert-to", "xlsx", "--outdir", path.join(out, "again"), file]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    const sheet = book.getWorksheet("Users by type")!;
    const office = parse(readFileSync(path.join(out, "crosstab-Users by type.csv"), "utf8"), {
      relax_column_count: true,
    }) as string[][];
    // header row, then counts as numbers and percentages as LibreOffice formats them ("50.0%")
    expect(office[2]).toEqual((sheet.getRow(3).values as unknown[]).slice(1).map(String));
    const yes = office.find((r) => r[0] === "Yes")!;
    const yesRow = (sheet.getRow(office.indexOf(yes) + 1).values as unknown[]).slice(1);
    expect(yes.length).toBeGreaterThan(2);
    yes.slice(1).forEach((text, i) => {
      const value = yesRow[i + 1];
      if (value === undefined || value === null) expect(text).toBe("");
      else if (i % 2 === 0) expect(Number(text)).toBe(value);
      else expect(text).toBe(`${((value as number) * 100).toFixed(1)}%`);
    });

    const resaved = new ExcelJS.Workbook();
    await resaved.xlsx.readFile(path.join(out, "again", "crosstab.xlsx"));
    expect(resaved.getWorksheet("Users by type")!.getImages()).toHaveLength(1);
  });
});
