// The invitation list as CSV and Excel: every agency of the frame with its
// status, dates, reminders, last delivery error and contact, adding up to the
// monitoring page's counts; hostile text stays text; every download audited.
import ExcelJS from "exceljs";
import type { Response as SuperResponse } from "superagent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { createInvitedAgency } from "../support/survey.js";

let t: TestApp;
let coordinator: Agent;
let coordinatorEmail: string;
const HOSTILE = '=HYPERLINK("http://evil.example/","Click me")';
const BULK = 2500;
let failedAgencyId: number;

function binary(res: SuperResponse, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => callback(null, Buffer.concat(chunks)));
}

async function download(url: string) {
  const res = await coordinator.get(url).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return { res, body: res.body as Buffer };
}

beforeAll(async () => {
  t = await createTestApp();
  const statuses = ["submitted", "submitted", "started", "opened", "invited", "opted_out", "failed"];
  for (const [i, status] of statuses.entries()) {
    const { agency, invitation } = await createInvitedAgency(t.db.prisma, { name: i === 0 ? HOSTILE : undefined });
    await t.db.prisma.invitation.update({
      where: { id: invitation.id },
      data: {
        status,
        invitedAt: new Date("2016-03-01T12:00:00Z"),
        reminderCount: i,
        ...(status === "submitted" ? { submittedAt: new Date("2016-03-05T09:30:00Z") } : {}),
      },
    });
    if (status === "failed") {
      failedAgencyId = agency.id;
      await t.db.prisma.emailMessage.create({
        data: {
          invitationId: invitation.id,
          kind: "invitation",
          toAddress: agency.contactEmail!,
          subject: "Please take part",
          html: "",
          text: "Please take part",
          status: "failed",
          attempts: 1,
          lastError: "550 5.1.1 <chief>: Recipient address rejected",
        },
      });
    }
  }
  // Agencies never invited: more than one page of the list.
  await t.db.prisma.agency.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({
      name: `Bulk Township Police ${i}`,
      state: "PA",
      agencyType: "MUNICIPAL",
      swornOfficers: i % 300,
      contactName: `Chief ${i}`,
      contactEmail: `chief${i}@bulk.example`,
    })),
  });
  const user = await createUser(t.db.prisma, { role: "coordinator" });
  coordinatorEmail = user.email;
  coordinator = await signIn(t.app, user.email);
});
afterAll(async () => {
  await t.cleanup();
});

/** Agencies per status as the monitoring page shows them. */
async function pageCounts(): Promise<Record<string, number>> {
  const page = await coordinator.get("/monitoring").expect(200);
  const table = /<caption[^>]*>Agencies of the sample frame by invitation status<\/caption>([\s\S]*?)<\/tbody>/.exec(
    page.text,
  )![1]!;
  const counts: Record<string, number> = {};
  for (const m of table.matchAll(/<th scope="row">([^<]+)<\/th><td class="num">([\d,]+)<\/td>/g))
    counts[m[1]!] = Number(m[2]!.replace(/,/g, ""));
  return counts;
}

const LABELS: Record<string, string> = {
  not_invited: "Not invited",
  invited: "Invited",
  opened: "Opened the link",
  started: "Started",
  submitted: "Submitted",
  opted_out: "Opted out",
  failed: "Invitation failed",
};

describe("the invitation list in Excel", () => {
  it("holds every agency, and its statuses add up to the monitoring page's counts", async () => {
    const { res, body } = await download("/monitoring/invitations.xlsx");
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Invitations")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(expect.arrayContaining(["agency_name", "ori", "state", "agency_type", "size_band"]));
    expect(header).toEqual(expect.arrayContaining(["invitation_status", "invited_at", "first_opened_at"]));
    expect(header).toEqual(expect.arrayContaining(["started_at", "submitted_at", "opted_out_at", "reminder_count"]));
    expect(header).toEqual(expect.arrayContaining(["last_delivery_error", "contact_name", "contact_email"]));
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => n > 1 && rows.push(row));
    expect(rows).toHaveLength(BULK + 7);
    expect(res.headers["x-row-count"]).toBe(String(BULK + 7));

    const fromSheet: Record<string, number> = {};
    for (const row of rows) {
      const label = LABELS[String(row.getCell(col("invitation_status")).value)]!;
      fromSheet[label] = (fromSheet[label] ?? 0) + 1;
    }
    const fromPage = await pageCounts();
    expect(fromSheet).toEqual(Object.fromEntries(Object.entries(fromPage).filter(([, n]) => n > 0)));
    expect(fromPage["Not invited"]).toBe(BULK);

    const hostile = rows.find((r) => String(r.getCell(col("agency_name")).value).startsWith("=HYPERLINK"))!;
    const cell = hostile.getCell(col("agency_name"));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(HOSTILE);
    expect(hostile.getCell(col("submitted_at")).value).toEqual(new Date("2016-03-05T09:30:00Z"));

    const failed = rows.find((r) => r.getCell(col("agency_id")).value === failedAgencyId)!;
    expect(failed.getCell(col("invitation_status")).value).toBe("failed");
    expect(failed.getCell(col("last_delivery_error")).value).toBe("550 5.1.1 <chief>: Recipient address rejected");
    const bulk = rows.find((r) => r.getCell(col("agency_name")).value === "Bulk Township Police 120")!;
    expect(bulk.getCell(col("size_band")).value).toBe("100 to 249 sworn officers");
    expect(bulk.getCell(col("contact_email")).value).toBe("chief120@bulk.example");
  });
});

describe("the invitation list in CSV", () => {
  it("is UTF-8 with a BOM, one line per agency, with formulas made text", async () => {
    const { res, body } = await download("/monitoring/invitations.csv");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const text = body.toString("utf8");
    expect(text.startsWith("\uFEFFagency_id,agency_name,ori,")).toBe(true);
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + BULK + 7);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example/"",""Click me"")",`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(text).toContain("550 5.1.1 <chief>: Recipient address rejected");
    expect(text).toContain(",2016-03-05T09:30:00.000Z,");
  });

  it("records every download in the audit log", async () => {
    await download("/monitoring/invitations.csv");
    await download("/monitoring/invitations.xlsx");
    const events = await t.db.prisma.auditEvent.findMany({ where: { action: "export.downloaded" } });
    const formats = events.map((e) => (JSON.parse(e.detail) as { format: string; rows: number }).format);
    expect(formats).toEqual(expect.arrayContaining(["invitations.csv", "invitations.xlsx"]));
    expect(events.every((e) => e.actorLabel === coordinatorEmail)).toBe(true);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ rows: BULK + 7 });
  });

  it("is linked from the monitoring page, and closed to researchers", async () => {
    const page = await coordinator.get("/monitoring").expect(200);
    expect(page.text).toContain('href="/monitoring/invitations.csv"');
    expect(page.text).toContain('href="/monitoring/invitations.xlsx"');
    const researcher = await createUser(t.db.prisma, { role: "researcher" });
    const agent = await signIn(t.app, researcher.email);
    await agent.get("/monitoring/invitations.csv").expect(403);
    await agent.get("/monitoring").expect(403);
  });
});
