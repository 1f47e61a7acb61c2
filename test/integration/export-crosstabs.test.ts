// Saved cross-tabs as sheets of the workbook, read back with exceljs and
// compared with the cross-tab's own page: the same counts and percentages,
// percentages as numbers in a percent format, a frozen header, an autofilter,
// the tests as text and the chart as a picture. Wrong choices are refused on
// the export page, beside the checkboxes.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { binary } from "../support/binary-body.js";
import { createUser, grantAllSurveys } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { createResultsSurvey, seedHandMadeResults } from "./results-fixtures.js";
import { tableRows, textOf } from "./results-html.js";

const LONG_NAME = "Policy by type: all [2016] agencies/sheriffs * and police? a very long name";
const SHEET_NAME = "Policy by type all 2016 agencie";
let t: TestApp;
let researcher: Agent;
let policyLink: string;
let otherSurveyLink: string;

async function saveCrossTab(survey: string, name: string, definition: Record<string, string>) {
  const page = await researcher.get(`/results/crosstab?survey=${survey}&row=${definition.row}&col=${definition.col}`);
  const res = await researcher
    .post("/results/crosstabs")
    .type("form")
    .send({ _csrf: csrfFrom(page.text), name, survey, ...definition })
    .expect(303);
  return String(res.headers.location);
}

const slugOf = (link: string) => link.split("/").at(-1)!;

async function workbook(query: string) {
  const res = await researcher.get(`/export/responses.xlsx?${query}`).buffer(true).parse(binary);
  expect(res.status, String(res.body).slice(0, 300)).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ArrayBuffer);
  return book;
}

/** A page cell as its count and percentages: "1 subset a 50.0% row percentage ..." -> [1, "50.0%"]. */
function pageCell(text: string): (number | string)[] {
  const count = Number(/^[\d,]+/.exec(text)![0].replace(/,/g, ""));
  return [count, ...[...text.matchAll(/(\S+%|–) \w+ percentage/g)].map((m) => m[1]!)];
}

function sheetCell(value: ExcelJS.CellValue): number | string {
  if (typeof value === "number") return value;
  return "–";
}

beforeAll(async () => {
  t = await createTestApp();
  await seedHandMadeResults(t.db.prisma);
  await createResultsSurvey(t.db.prisma, "other-survey");
  const user = await createUser(t.db.prisma, { role: "researcher" });
  await grantAllSurveys(t.db.prisma, user.id);
  researcher = await signIn(t.app, user.email);
  policyLink = await saveCrossTab("results-test", LONG_NAME, { row: "WRITTEN_POLICY", col: "agency_type", pct: "all" });
  otherSurveyLink = await saveCrossTab("other-survey", "Elsewhere", { row: "WRITTEN_POLICY", col: "agency_type" });
});
afterAll(async () => {
  await t.cleanup();
});

describe("cross-tab sheets in the workbook", () => {
  it("offers the saved cross-tabs on the export page", async () => {
    const page = await researcher.get("/export").expect(200);
    expect(page.text).toContain(`name="crosstab" value="${slugOf(policyLink)}"`);
    expect(page.text).toContain(`name="crosstab" value="${slugOf(otherSurveyLink)}"`);
  });

  it("writes the cross-tab's page values as numbers, formatted, with its tests and chart", async () => {
    const book = await workbook(`survey=results-test&crosstab=${slugOf(policyLink)}`);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Responses",
      "Codes",
      "Codebook",
      "Invitations",
      SHEET_NAME,
      "About",
    ]);
    const sheet = book.getWorksheet(SHEET_NAME)!;
    const page = await researcher.get(policyLink).expect(200);
    const html = page.text.slice(page.text.indexOf('<table class="results-table crosstab">'));
    const pageRows = tableRows(html.slice(0, html.indexOf("</table>"))).slice(1);

    const header = sheet.getRow(3);
    expect(header.getCell(1).value).toBe(pageRows[0]![0]);
    expect(header.getCell(2).value).toBe("Municipal police department: n");
    expect(header.getCell(3).value).toBe("Municipal police department: row %");
    expect(header.font?.bold).toBe(true);

    const bodyRows = pageRows.slice(1);
    expect(bodyRows.length).toBeGreaterThan(2);
    bodyRows.forEach((pageRow, i) => {
      const row = sheet.getRow(4 + i);
      expect(row.getCell(1).value).toBe(pageRow[0]);
      const width = pageRow.length - 1;
      const cells = Array.from({ length: width }, (_, k) =>
        Array.from({ length: 4 }, (_, p) => row.getCell(2 + k * 4 + p)),
      );
      const asPage = cells.map(([count, ...percents]) => [
        count!.value as number,
        ...percents.map((c) => {
          const v = sheetCell(c.value);
          return typeof v === "number" ? `${(v * 100).toFixed(1)}%` : v;
        }),
      ]);
      expect(asPage).toEqual(pageRow.slice(1).map(pageCell));
      for (const [count, ...percents] of cells) {
        expect(typeof count!.value).toBe("number");
        for (const c of percents) if (c.value !== null) expect(c.numFmt).toBe("0.0%");
      }
    });
    // Yes among municipal departments: 1 of 2 (row 50%, column 50%, total 33.3%)
    const yes = sheet.getRow(4 + bodyRows.findIndex((r) => r[0] === "Yes"));
    expect([2, 3, 4, 5].map((c) => yes.getCell(c).value)).toEqual([1, 0.5, 0.5, 1 / 3]);

    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 3 });
    expect(sheet.autoFilter).toBe(
      `A3:${sheet
        .getRow(3)
        .getCell(1 + 4 * (pageRows[0]!.length - 1))
        .address.replace(/\d+$/, "")}${3 + bodyRows.length - 1}`,
    );

    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(String(row.getCell(1).value ?? "")));
    expect(texts).toContain(
      "Pearson chi-square test of independence: χ²(1, N = 3) = 0.75, p = .386; Cramér's V = 0.50.",
    );
    expect(texts.some((s) => s.startsWith("Warning: 4 of 4 cells (100.0%) have an expected count below 5"))).toBe(true);
    expect(texts[0]).toBe(
      `${LONG_NAME}: WRITTEN_POLICY: Does your agency have a written policy on social media? by Agency type (sample frame)`,
    );
    expect(textOf(page.text)).toContain(texts[1]!);

    const images = sheet.getImages();
    expect(images).toHaveLength(1);
    const media = book.getImage(Number(images[0]!.imageId));
    expect(media.extension).toBe("png");
    expect(
      Buffer.from(media.buffer as ArrayBuffer)
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(images[0]!.range.tl.nativeRow).toBeGreaterThan(3 + bodyRows.length);

    const about = new Map<string, unknown>();
    book.getWorksheet("About")!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.has(`Cross-tab sheet "${SHEET_NAME}"`)).toBe(true);
  });

  it("names two sheets of the same name apart", async () => {
    const again = await saveCrossTab("results-test", LONG_NAME, { row: "USES_SOCIAL_MEDIA", col: "state" });
    const book = await workbook(`survey=results-test&crosstab=${slugOf(policyLink)}&crosstab=${slugOf(again)}`);
    expect(book.worksheets.map((s) => s.name).slice(4, 6)).toEqual([SHEET_NAME, "Policy by type all 2016 age (2)"]);
  });

  it.each([
    [
      "an unknown cross-tab",
      () => "crosstab=no-such-crosstab",
      /This saved cross-tab does not exist: no-such-crosstab/,
    ],
    [
      "a cross-tab of another survey",
      () => `crosstab=${slugOf(otherSurveyLink)}`,
      /"Elsewhere" belongs to another survey than Results test results-test/,
    ],
  ])("refuses %s beside the checkboxes, keeping the choices", async (_what, query, message) => {
    const res = await researcher.get(`/export/responses.xlsx?survey=results-test&status=all&${query()}`).expect(400);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    const fieldset = res.text.slice(res.text.indexOf('id="export-crosstabs"'));
    expect(textOf(fieldset.slice(0, fieldset.indexOf("</fieldset>")))).toMatch(message);
    expect(res.text).toContain('<option value="results-test" selected>');
    expect(res.text).toContain('value="all" checked>');
    expect(res.text).toContain('<a href="#export-crosstabs">');
  });
});
