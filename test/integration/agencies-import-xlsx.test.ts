// An Excel workbook as people fill them: numbers, a formula, rich text, a
// mailto link, dates, an empty row, a second sheet. Imported, then again.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { commitImport, previewRow, textOf, uploadToPreview } from "../fixtures/agencies/import-flow.js";

let t: TestApp;
let agent: Agent;
beforeAll(async () => {
  t = await createTestApp();
  agent = await signIn(t.app, (await createUser(t.db.prisma, { role: "admin" })).email);
});
afterAll(async () => {
  await t.cleanup();
});

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Sample frame");
  sheet.addRow([
    "Agency Name",
    "ORI",
    "State",
    "Agency Type",
    "Sworn Officers",
    "Population Served",
    "Contact Name",
    "Contact Title",
    "Contact Email",
    "Last Updated",
  ]);
  sheet.addRow([
    { richText: [{ text: "Cañon City " }, { text: "Police Department", font: { bold: true } }] },
    "CO0220100",
    "CO",
    "Municipal police department",
    { formula: "30+2", result: 32 },
    16400,
    "Roger Jensen",
    "Chief of Police",
    { text: "Email the chief", hyperlink: "mailto:Roger.Jensen@canoncity.org?subject=Survey" },
    new Date(Date.UTC(2016, 2, 1)),
  ]);
  sheet.addRow([]);
  sheet.addRow([
    "Fremont County Sheriff's Office",
    "CO0220000",
    "Colorado",
    "SHERIFF",
    48.0,
    { formula: "F2*3", result: 49200 },
    { richText: [{ text: "Allen " }, { text: "Cooper", font: { italic: true } }] },
    "Sheriff",
    { text: "sheriff@fremontco.example", hyperlink: "mailto:sheriff@fremontco.example" },
    new Date(Date.UTC(2016, 4, 17, 9, 30)),
  ]);
  sheet.addRow([
    "Peña Boulevard Airport Police",
    "CO0169900",
    "colorado",
    "airport police",
    7,
    null,
    "",
    "",
    "airport.police@example.org",
    "",
  ]);
  book.addWorksheet("Notes").addRow(["Nothing to import here"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("importing an Excel workbook", () => {
  it("reads formulas, rich text, mailto links and numbers, and stores them", async () => {
    const flow = await uploadToPreview(agent, await workbook(), "frame.xlsx");
    const mapping = textOf(flow.mappingPage.text);
    expect(mapping).toContain("3 rows of agencies follow (1 empty row is skipped)");
    expect(mapping).toContain("Read the sheet “Sample frame”.");
    expect(mapping).toContain("The other 1 sheet(s) of the workbook were not read.");
    expect(mapping).toContain("These columns will be ignored unless you choose a field for them: Last Updated");
    expect(mapping).toContain("Column J: Last Updated For example: 2016-03-01 · 2016-05-17 09:30:00");
    expect(textOf(flow.preview.text)).toContain("3 rows read 3 to create 0 to update 0 unchanged 0 rejected");
    expect(previewRow(flow.preview.text, 2)).toBe("2 Cañon City Police Department CO0220100 Create");

    await commitImport(agent, flow.previewUrl, flow.preview.text);
    const stored = await t.db.prisma.agency.findMany({ orderBy: { ori: "asc" } });
    expect(stored.map((a) => [a.ori, a.name, a.state, a.agencyType, a.swornOfficers, a.populationServed])).toEqual([
      ["CO0169900", "Peña Boulevard Airport Police", "CO", "TRANSPORTATION", 7, null],
      ["CO0220000", "Fremont County Sheriff's Office", "CO", "SHERIFF", 48, 49_200],
      ["CO0220100", "Cañon City Police Department", "CO", "MUNICIPAL", 32, 16_400],
    ]);
    expect(stored.map((a) => [a.contactName, a.contactTitle, a.contactEmail])).toEqual([
      ["", "", "airport.police@example.org"],
      ["Allen Cooper", "Sheriff", "sheriff@fremontco.example"],
      ["Roger Jensen", "Chief of Police", "roger.jensen@canoncity.org"],
    ]);
  });

  it("changes nothing when the same workbook is imported again", async () => {
    const before = await t.db.prisma.agency.findMany({ orderBy: { id: "asc" } });
    const flow = await uploadToPreview(agent, await workbook(), "frame.xlsx");
    expect(textOf(flow.preview.text)).toContain("3 rows read 0 to create 0 to update 3 unchanged 0 rejected");
    await commitImport(agent, flow.previewUrl, flow.preview.text);
    expect(await t.db.prisma.agency.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});
