// Files that are not what they should be, and forms that are not right: each
// gets a clear message on its page, never a 500, and nothing is stored.
import ExcelJS from "exceljs";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { chosenColumns, textOf, uploadFile, uploadToPreview } from "../fixtures/agencies/import-flow.js";
import { zipOf } from "../fixtures/agencies/zip.js";

let t: TestApp;
let agent: Agent;
beforeAll(async () => {
  t = await createTestApp();
  agent = await signIn(t.app, (await createUser(t.db.prisma, { role: "coordinator" })).email);
});
afterAll(async () => {
  await t.cleanup();
});

const pendingImports = () => t.db.prisma.setting.count({ where: { key: { startsWith: "agency_import:" } } });
const GOOD =
  "Agency Name,ORI,State,Type,Email\r\nCañon City Police Department,CO0220100,CO,municipal,chief@canoncity.org\r\n";

async function expectRefused(content: Buffer | string, fileName: string, message: string, status = 400) {
  const res = await uploadFile(agent, content, fileName);
  expect(res.status, textOf(res.text)).toBe(status);
  const page = textOf(res.text);
  expect(page).toContain("There is a problem");
  expect(page).toContain(message);
  expect(res.text).toContain('<a href="#file">');
  expect(res.text).toContain('aria-invalid="true"');
  expect(await pendingImports()).toBe(0);
  expect(await t.db.prisma.agency.count()).toBe(0);
}

describe("files that cannot be imported", () => {
  beforeEach(async () => {
    await t.db.prisma.setting.deleteMany({ where: { key: { startsWith: "agency_import:" } } });
  });

  it("refuses an empty file, a header without rows, and no file at all", async () => {
    await expectRefused("", "frame.csv", "The file is empty.");
    await expectRefused("\r\n\r\n", "frame.csv", "The file has no rows with anything in them.");
    await expectRefused(
      "Agency Name;ORI;State\r\n",
      "frame.csv",
      "The file has a header row (Agency Name, ORI, State) but no agencies under it.",
    );
    const token = csrfFrom((await agent.get("/agencies/import")).text);
    const none = await agent.post("/agencies/import").field("_csrf", token);
    expect(none.status).toBe(400);
    expect(textOf(none.text)).toContain("Choose a CSV or Excel file to upload");
  });

  it("refuses a malformed CSV, saying where", async () => {
    await expectRefused(
      'Agency Name,ORI,State\r\n"Cañon City Police,CO0220100,CO\r\nBoulder,CO0070100,CO\r\n',
      "frame.csv",
      "The file could not be read as CSV: a quoted field is never closed",
    );
    await expectRefused(Buffer.from([0x41, 0x00, 0x42, 0x00, 0xff, 0x00]), "frame.csv", "The file is not a text file");
  });

  it("refuses a file over 10 MB", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, "a");
    await expectRefused(big, "frame.csv", "The file is larger than 10 MB.", 413);
  });

  it("checks the content, not only the name", async () => {
    await expectRefused("%PDF-1.7 not a table", "frame.pdf", "This is a PDF document, not a spreadsheet.");
    await expectRefused(GOOD, "frame.txt", "Choose a CSV (.csv) or Excel (.xlsx) file. “frame.txt” is neither");
    await expectRefused(GOOD, "frame.xlsx", "The file is named .xlsx but it is not an Excel workbook.");
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expectRefused(ole, "frame.xls", "This is an Excel 97-2003 workbook (.xls)");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Frame").addRow(["Agency Name"]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    await expectRefused(xlsx, "frame.csv", "The file is named .csv but it is an Excel workbook");
    await expectRefused(xlsx.subarray(0, xlsx.length - 200), "frame.xlsx", "The file is named .xlsx but it is damaged");
    const notBook = zipOf([{ name: "word/document.xml", data: Buffer.from("<w:document/>") }]);
    await expectRefused(notBook, "frame.xlsx", "it is not an Excel workbook (it may be another kind of document)");
  });

  it("refuses a zip bomb before expanding it", async () => {
    const bomb = zipOf([
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(70 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(bomb, "frame.xlsx", "The workbook expands to more than 60 MB");
  });

  it("refuses a multipart upload with a wrong or missing CSRF token, storing nothing", async () => {
    const forged = await uploadFile(agent, GOOD, "frame.csv", "forged.token");
    expect(forged.status).toBe(403);
    expect(textOf(forged.text)).toContain("This form has expired");
    const missing = await agent.post("/agencies/import").attach("file", Buffer.from(GOOD), "frame.csv");
    expect(missing.status).toBe(403);
    const stranger = await request(t.app).post("/agencies/import").attach("file", Buffer.from(GOOD), "frame.csv");
    expect(stranger.status).toBe(401);
    expect(await pendingImports()).toBe(0);
  });

  it("keeps researchers out", async () => {
    const researcher = await signIn(t.app, (await createUser(t.db.prisma, { role: "researcher" })).email);
    expect((await researcher.get("/agencies/import")).status).toBe(403);
    expect((await researcher.get("/agencies")).status).toBe(403);
  });
});

describe("files from other spreadsheet programs", () => {
  it("reads Windows-1252, UTF-16 with tabs, and Excel's sep= line", async () => {
    const latin = Buffer.from(
      "Agency Name,ORI,State,Type,Email\r\nCañon City Police,CO0220100,CO,municipal,a@b.org\r\n",
      "latin1",
    );
    const one = await uploadToPreview(agent, latin, "latin.csv");
    expect(textOf(one.mappingPage.text)).toContain("read as Windows-1252");
    expect(textOf(one.preview.text)).toContain("Cañon City Police");

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        "Agency Name\tORI\tState\tType\tEmail\r\nPeña Police\tCO0220200\tCO\tmunicipal\tp@b.org\r\n",
        "utf16le",
      ),
    ]);
    const two = await uploadToPreview(agent, utf16, "unicode.csv");
    expect(textOf(two.mappingPage.text)).toContain("Columns are separated by tabs.");
    expect(textOf(two.preview.text)).toContain("Peña Police");

    const sep = "sep=;\r\nAgency Name;ORI;State;Type;Email\r\nLyons, Town of;CO0070600;CO;municipal;l@b.org\r\n";
    const three = await uploadToPreview(agent, sep, "sep.csv");
    expect(textOf(three.preview.text)).toContain("2 Lyons, Town of CO0070600 Create");
  });
});

describe("choosing the columns", () => {
  it("says which fields are missing or doubled and keeps the choices made", async () => {
    const res = await uploadFile(
      agent,
      "Name,Where,Kind,Mail,Shoe size\r\nCañon City PD,CO,municipal,a@b.org,9\r\n",
      "f.csv",
    );
    const mappingUrl = res.headers.location!;
    const page = await agent.get(mappingUrl).expect(200);
    expect(chosenColumns(page.text)).toEqual({
      "column-0": "name",
      "column-1": "",
      "column-2": "",
      "column-3": "contactEmail",
      "column-4": "",
    });
    expect(textOf(page.text)).toContain("will be ignored unless you choose a field for them: Where Kind Shoe size");
    const posted = await agent
      .post(mappingUrl)
      .type("form")
      .send({
        _csrf: csrfFrom(page.text),
        "column-0": "name",
        "column-1": "name",
        "column-2": "",
        "column-3": "",
        "column-4": "shoeSize",
      });
    expect(posted.status).toBe(400);
    const text = textOf(posted.text);
    expect(text).toContain("Choose the column that holds the state");
    expect(text).toContain("Choose the column that holds the agency type");
    expect(text).toContain("Choose a column for the ORI or the contact email");
    expect(text).toContain("Agency name is chosen for more than one column: keep one");
    expect(text).toContain("Choose one of the fields in the list, or “Ignore this column”");
    expect(posted.text).toContain('<a href="#column-4">');
    expect(chosenColumns(posted.text)).toMatchObject({ "column-0": "name", "column-1": "name", "column-3": "" });
    const importId = mappingUrl.split("/")[3]!;
    expect(await t.db.prisma.setting.count({ where: { key: `agency_import:${importId}:mapping` } })).toBe(0);
  });

  it("imports nothing from a column left unknown", async () => {
    const csv =
      "Agency Name,ORI,State,Type,Email,Secret notes\r\nUnknown Column PD,CO0990100,CO,municipal,u@b.org,<b>do not store</b>\r\n";
    const flow = await uploadToPreview(agent, csv, "unknown.csv");
    expect(textOf(flow.mappingPage.text)).toContain("ignored unless you choose a field for them: Secret notes");
    expect(flow.preview.text).not.toContain("do not store");
  });
});

describe("an import in progress", () => {
  it("belongs to its coordinator, expires, and can be cancelled", async () => {
    const flow = await uploadToPreview(agent, GOOD, "frame.csv");
    const other = await signIn(t.app, (await createUser(t.db.prisma, { role: "coordinator" })).email);
    expect((await other.get(flow.previewUrl)).status).toBe(404);

    const cancel = await agent
      .post(`/agencies/import/${flow.importId}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(flow.preview.text) });
    expect(cancel.headers.location).toBe("/agencies/import?cancelled");
    expect(textOf((await agent.get(cancel.headers.location!)).text)).toContain("The import was cancelled");
    expect((await agent.get(flow.previewUrl)).status).toBe(404);

    const old = await uploadToPreview(agent, GOOD, "frame.csv");
    await t.db.prisma.setting.updateMany({
      where: { key: `agency_import:${old.importId}` },
      data: { createdAt: new Date(Date.now() - 13 * 3_600_000) },
    });
    const expired = await agent.get(old.previewUrl);
    expect(expired.status).toBe(410);
    expect(textOf(expired.text)).toContain("This import has expired");
  });

  it("applies nothing when the stored agencies changed since the preview, and shows the new preview", async () => {
    const flow = await uploadToPreview(agent, GOOD, "frame.csv");
    expect(textOf(flow.preview.text)).toContain("1 to create");
    await t.db.prisma.agency.create({
      data: { name: "Cañon City PD", ori: "CO0220100", state: "CO", agencyType: "MUNICIPAL" },
    });
    const fingerprint = /name="fingerprint" value="([^"]+)"/.exec(flow.preview.text)![1]!;
    const res = await agent
      .post(`/agencies/import/${flow.importId}/commit`)
      .type("form")
      .send({ _csrf: csrfFrom(flow.preview.text), fingerprint });
    expect(res.headers.location).toBe(`/agencies/import/${flow.importId}/preview?changed`);
    const again = textOf((await agent.get(res.headers.location!)).text);
    expect(again).toContain("The stored agencies changed while you were looking, so nothing was imported.");
    expect(again).toContain("0 to create 1 to update");
    expect(await t.db.prisma.agency.count()).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "agencies.imported" } })).toBe(0);
  });
});
