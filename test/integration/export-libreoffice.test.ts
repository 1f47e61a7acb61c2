// A second opinion on the workbook: LibreOffice (Debian package
// libreoffice-calc-nogui) opens it and writes its first sheet, Responses, as
// CSV; its values must match what exceljs reads, and a formula-looking agency
// name must still be text (evaluated, it would read "click"). Skipped, saying
// so, where `soffice` is not installed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Response as SuperResponse } from "superagent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser, grantAllSurveys } from "../support/factories.js";
import { signIn } from "../support/session.js";
import { answerEverything, createInvitedAgency, submit } from "../support/survey.js";

const hasSoffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasSoffice)
  console.warn("export-libreoffice: soffice not found; install libreoffice-calc-nogui to run this check");

const HOSTILE_NAME = '=HYPERLINK("http://x","click")';
let t: TestApp;
let dir: string;

function binary(res: SuperResponse, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
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
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "csv", "--outdir", dir, file],
      { stdio: "ignore", timeout: 150_000 },
    );
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
});
