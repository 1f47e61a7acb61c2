// The researchers' downloads, read back the way a researcher's tools read them:
// the workbook through exceljs, the CSVs as text. Responses are made through the
// survey itself, including an agency whose name and answers look like formulas.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { binary } from "../support/binary-body.js";
import { createUser, grantAllSurveys } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { answerEverything, createInvitedAgency, submit } from "../support/survey.js";

const HOSTILE_NAME = '=HYPERLINK("http://x","click")';
const HOSTILE_COMMENTS = "@SUM(A1)";
const HOSTILE_BARRIER = "+1";
const HOSTILE_ORI = "-2";

let t: TestApp;
let admin: Agent;
let researcher: Agent;
let contactResearcher: Agent;
let hostileResponseId: number;
let nonUserResponseId: number;
const emails: string[] = [];

async function download(agent: Agent, url: string) {
  const res = await agent.get(url).buffer(true).parse(binary);
  expect(res.status, String(res.body).slice(0, 300)).toBe(200);
  return { res, body: res.body as Buffer };
}

async function workbookOf(agent: Agent, url = "/export/responses.xlsx") {
  const { res, body } = await download(agent, url);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return { res, book };
}

/** A sheet as { header, rows } with rows keyed by header name. */
function table(book: ExcelJS.Workbook, name: string) {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return { sheet, header, rows };
}

function rowOf(rows: Record<string, ExcelJS.Cell>[], responseId: number) {
  const row = rows.find((r) => r.response_id?.value === responseId);
  if (!row) throw new Error(`no row for response ${responseId}`);
  return row;
}

function aboutOf(book: ExcelJS.Workbook): Map<string, unknown> {
  const about = new Map<string, unknown>();
  book.getWorksheet("About")!.eachRow((row, n) => {
    if (n > 1) about.set(String(row.getCell(1).value), row.getCell(2).value);
  });
  return about;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db.prisma;
  const hostile = await createInvitedAgency(db, { name: HOSTILE_NAME });
  await db.agency.update({ where: { id: hostile.agency.id }, data: { ori: HOSTILE_ORI, contactName: "Pat Chief" } });
  const done = await answerEverything(t.app, hostile.token, {
    COMMENTS: HOSTILE_COMMENTS,
    BARRIER_OTHER: HOSTILE_BARRIER,
  });
  expect((await submit(done.agent, hostile.token)).status).toBe(303);

  const nonUser = await createInvitedAgency(db);
  const nonUserDone = await answerEverything(t.app, nonUser.token, { USES_SOCIAL_MEDIA: "NO" });
  expect((await submit(nonUserDone.agent, nonUser.token)).status).toBe(303);

  const partial = await createInvitedAgency(db);
  await answerEverything(t.app, partial.token);
  const silent = await createInvitedAgency(db);

  for (const a of [hostile, nonUser, partial, silent]) emails.push(a.agency.contactEmail!);
  hostileResponseId = (await db.response.findUniqueOrThrow({ where: { invitationId: hostile.invitation.id } })).id;
  nonUserResponseId = (await db.response.findUniqueOrThrow({ where: { invitationId: nonUser.invitation.id } })).id;

  admin = await signIn(t.app, (await createUser(db, { role: "admin" })).email);
  const plain = await createUser(db, { role: "researcher" });
  await grantAllSurveys(db, plain.id);
  researcher = await signIn(t.app, plain.email);
  const granted = await createUser(db, { role: "researcher" });
  await grantAllSurveys(db, granted.id);
  await db.user.update({ where: { id: granted.id }, data: { canSeeContacts: true } });
  contactResearcher = await signIn(t.app, granted.email);
});
afterAll(async () => {
  await t.cleanup();
});

describe("the export page", () => {
  it("offers the survey, the status filter and the downloads to researchers", async () => {
    const page = await researcher.get("/export").expect(200);
    expect(page.text).toContain('<option value="lesm-2016"');
    expect(page.text).toContain('name="status" value="all"');
    expect(page.text).toContain('formaction="/export/responses.csv"');
    expect((await researcher.get("/staff")).text).toContain('href="/export"');
  });

  it("is not for coordinators", async () => {
    const coordinator = await signIn(t.app, (await createUser(t.db.prisma, { role: "coordinator" })).email);
    expect((await coordinator.get("/export/responses.xlsx")).status).toBe(403);
  });
});

describe("the Excel workbook", () => {
  it("has its sheets with bold, frozen, filtered headers, and the responses' labels and codes", async () => {
    const { res, book } = await workbookOf(researcher);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(book.worksheets.map((s) => s.name)).toEqual(["Responses", "Codes", "Codebook", "Invitations", "About"]);

    const labels = table(book, "Responses");
    const codes = table(book, "Codes");
    expect(labels.header.slice(0, 7)).toEqual([
      "response_id",
      "agency_name",
      "ori",
      "state",
      "agency_type",
      "status",
      "submitted_at",
    ]);
    expect(codes.header).toEqual(labels.header);
    expect(labels.header).toContain("PLATFORMS_FACEBOOK");
    expect(labels.sheet.getRow(1).font?.bold).toBe(true);
    expect(labels.sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(labels.sheet.autoFilter).toBeTruthy();

    // Submitted only by default: the partial response is left out.
    expect(labels.rows.map((r) => r.response_id?.value).sort()).toEqual([hostileResponseId, nonUserResponseId].sort());
    expect(codes.rows).toHaveLength(labels.rows.length);

    const user = rowOf(labels.rows, hostileResponseId);
    const userCodes = rowOf(codes.rows, hostileResponseId);
    expect(user.status?.value).toBe("submitted");
    expect(user.submitted_at?.value).toBeInstanceOf(Date);
    expect(user.USES_SOCIAL_MEDIA?.value).toBe("Yes");
    expect(userCodes.USES_SOCIAL_MEDIA?.value).toBe(1);
    expect(user.PLATFORMS_FACEBOOK?.value).toBe("Selected");
    expect(userCodes.PLATFORMS_FACEBOOK?.value).toBe(1);
    expect(user.PLATFORMS_YOUTUBE?.value).toBe("Not selected");
    expect(userCodes.PLATFORMS_YOUTUBE?.value).toBe(0);
    expect(userCodes.SWORN_OFFICERS?.value).toBe(42);
    expect(user.SWORN_OFFICERS?.value).toBe(42);
    // Asked of users, not of non-users: the skip code, with its label on the Responses sheet.
    expect(userCodes.NONUSER_PLANS?.value).toBe(-8);
    const nonUser = rowOf(codes.rows, nonUserResponseId);
    expect(nonUser.USES_SOCIAL_MEDIA?.value).toBe(2);
    expect(nonUser.PLATFORMS_FACEBOOK?.value).toBe(-8);
    expect(nonUser.YEAR_STARTED?.value).toBe(-8);
    expect(rowOf(labels.rows, nonUserResponseId).PLATFORMS_FACEBOOK?.value).toBe("Not asked: skip logic");
    // Asked and left empty: -9.
    expect(rowOf(codes.rows, nonUserResponseId).COMMENTS?.value).toBe(-9);
  });

  it("keeps formula-looking names and answers as plain text", async () => {
    const { book } = await workbookOf(researcher);
    for (const sheetName of ["Responses", "Codes"]) {
      const row = rowOf(table(book, sheetName).rows, hostileResponseId);
      for (const [column, expected] of [
        ["agency_name", HOSTILE_NAME],
        ["ori", HOSTILE_ORI],
        ["COMMENTS", HOSTILE_COMMENTS],
        ["BARRIER_OTHER", HOSTILE_BARRIER],
      ] as const) {
        const cell = row[column]!;
        expect(cell.type, `${sheetName}.${column}`).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(expected);
        expect(cell.formula).toBeFalsy();
      }
    }
    const invitation = table(book, "Invitations").rows.find((r) => r.agency_name?.value === HOSTILE_NAME);
    expect(invitation?.agency_name?.type).toBe(ExcelJS.ValueType.String);
  });

  it("counts what it holds: X-Row-Count, the About sheet and the sheets agree", async () => {
    const { res, book } = await workbookOf(researcher, "/export/responses.xlsx?status=all");
    expect(res.headers["x-row-count"]).toBe("3");
    const about = aboutOf(book);
    expect(about.get("Rows in Responses")).toBe(3);
    expect(about.get("Rows in Codes")).toBe(3);
    expect(about.get("Rows in Invitations")).toBe(4);
    expect(about.get("Rows in Codebook")).toBe(table(book, "Codebook").rows.length);
    expect(table(book, "Responses").rows).toHaveLength(3);
    expect(table(book, "Invitations").rows).toHaveLength(4);
    const version = await t.db.prisma.questionnaireVersion.findFirstOrThrow();
    expect(about.get("Questionnaire version hash")).toBe(version.versionHash);
    expect(String(about.get("About the questionnaire"))).toMatch(/reconstruct/i);
    expect(String(about.get("Filters applied"))).toMatch(/partial/);
    expect(about.get("Generated at")).toBeInstanceOf(Date);
    expect(String(about.get("Generated by"))).toContain("@example.org");

    const codebook = table(book, "Codebook");
    const facebook = codebook.rows.find((r) => r.variable?.value === "PLATFORMS_FACEBOOK")!;
    expect(facebook.type?.value).toBe("binary");
    expect(String(facebook.codes_and_labels?.value)).toContain("-8 = Not asked: skip logic");
    expect(String(facebook.skip_condition?.value)).toMatch(/USES_SOCIAL_MEDIA/);
    expect(facebook.version?.value).toBe(version.versionHash);
  });

  it("shows contact names and emails to admins and granted researchers only", async () => {
    const invitationsText = async (agent: Agent) => {
      const { book } = await workbookOf(agent);
      const { header, rows } = table(book, "Invitations");
      return { header, text: JSON.stringify(rows.map((r) => Object.values(r).map((c) => c.value))) };
    };
    for (const agent of [admin, contactResearcher]) {
      const { header, text } = await invitationsText(agent);
      expect(header).toContain("contact_email");
      for (const email of emails) expect(text).toContain(email);
      expect(text).toContain("Pat Chief");
    }
    const { header, text } = await invitationsText(researcher);
    expect(header).not.toContain("contact_email");
    expect(header).not.toContain("contact_name");
    for (const email of emails) expect(text).not.toContain(email);
    expect(text).not.toContain("Pat Chief");
    expect(text).toContain("invited");
  });

  it("audits every download with its format, filters and row count", async () => {
    await download(researcher, "/export/responses.xlsx?status=all");
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "export.downloaded" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(event.detail)).toEqual({ format: "xlsx", filters: { status: "all" }, rows: 3 });
  });
});

describe("the CSV downloads", () => {
  it("gives the responses as numeric codes, UTF-8 with a BOM, formula-safe", async () => {
    const { res, body } = await download(researcher, "/export/responses.csv?status=all");
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["x-row-count"]).toBe("3");
    const text = body.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(",");
    expect(header.slice(0, 2)).toEqual(["response_id", "agency_name"]);
    const hostile = lines.find((l) => l.startsWith(`${hostileResponseId},`))!;
    // The formula-looking cells get csvCell's quote prefix; numbers (even -8) stay numbers.
    expect(hostile).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(hostile).toContain(",'-2,");
    expect(hostile).toContain("'@SUM(A1)");
    expect(hostile).toContain("'+1");
    const nonUser = lines.find((l) => l.startsWith(`${nonUserResponseId},`))!.split(",");
    expect(nonUser[header.indexOf("PLATFORMS_FACEBOOK")]).toBe("-8");
    expect(nonUser[header.indexOf("USES_SOCIAL_MEDIA")]).toBe("2");
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "export.downloaded" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(event.detail)).toMatchObject({ format: "responses.csv", rows: 3 });
  });

  it("gives the codebook", async () => {
    const { res, body } = await download(researcher, "/export/codebook.csv");
    const lines = body.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "variable,section,question_code,item_code,question_text,item_label,type,codes_and_labels,skip_condition,notes,version",
    );
    expect(res.headers["x-row-count"]).toBe(String(lines.length - 1));
    expect(lines.some((l) => l.startsWith("PLATFORMS_FACEBOOK,USE,PLATFORMS,FACEBOOK,"))).toBe(true);
  });
});
