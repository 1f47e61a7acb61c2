// The monitoring page against a hand computation: a known set of invitations
// in every state, and the counts and AAPOR rates the page must show for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { createInvitedAgency } from "../support/survey.js";

let t: TestApp;
let coordinator: Agent;

type Setup = { status: string; state: string; type: string; sworn: number | null; count: number; dnc?: boolean };

// By hand: 11 agencies; I = 3, P = 1, R = 1, NC = 2, O = 1, UO = 1, UH = 0; not invited: 2 (excluded).
// All cases = (3+1) + (1+2+1) + (0+1) = 9; contacted = (3+1) + 1 + 1 = 6.
// RR1 = 3/9 = 33.3%; RR2 = 4/9 = 44.4%; COOP1 = 3/6 = 50.0%; COOP2 = 4/6 = 66.7%; REF1 = 1/9 = 11.1%.
// Ohio: I 3, P 1, O 1 -> RR1 3/5 = 60.0%, RR2 4/5 = 80.0%. Virginia: R 1, NC 2, UO 1 -> 0.0%.
// 11 to 49 officers: I 3, R 1, O 1 -> RR1 3/5 = 60.0%.
const SETUP: Setup[] = [
  { status: "submitted", state: "OH", type: "MUNICIPAL", sworn: 20, count: 3 },
  { status: "started", state: "OH", type: "SHERIFF", sworn: 120, count: 1 },
  { status: "opted_out", state: "VA", type: "MUNICIPAL", sworn: 20, count: 1 },
  { status: "invited", state: "VA", type: "SHERIFF", sworn: null, count: 2 },
  { status: "opened", state: "OH", type: "MUNICIPAL", sworn: 20, count: 1 },
  { status: "failed", state: "VA", type: "MUNICIPAL", sworn: 5, count: 1, dnc: true },
  { status: "not_invited", state: "VA", type: "MUNICIPAL", sworn: 5, count: 1, dnc: true },
];

beforeAll(async () => {
  t = await createTestApp();
  for (const s of SETUP) {
    for (let i = 0; i < s.count; i++) {
      const { agency, invitation } = await createInvitedAgency(t.db.prisma);
      await t.db.prisma.agency.update({
        where: { id: agency.id },
        data: { state: s.state, agencyType: s.type, swornOfficers: s.sworn, doNotContact: s.dnc ?? false },
      });
      await t.db.prisma.invitation.update({ where: { id: invitation.id }, data: { status: s.status } });
    }
  }
  // An agency of the frame with no invitation row at all counts as not invited too.
  await t.db.prisma.agency.create({ data: { name: "Uninvited County Sheriff", state: "OH", agencyType: "SHERIFF" } });
  const user = await createUser(t.db.prisma, { role: "coordinator" });
  coordinator = await signIn(t.app, user.email);
});
afterAll(async () => {
  await t.cleanup();
});

/** The page as a user reads it: text without tags, one space between words. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/\s+/g, " ");

/** The cells of the table row headed `label` in the table captioned `caption`. */
function row(html: string, caption: string, label: string): string[] {
  const table = new RegExp(`<caption[^>]*>${caption}</caption>([\\s\\S]*?)</table>`).exec(html);
  if (!table) throw new Error(`no table "${caption}"`);
  const tr = [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find((m) =>
    m[1]!.includes(`<th scope="row">${label}</th>`),
  );
  if (!tr) throw new Error(`no row "${label}" in "${caption}"`);
  return [...tr[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!).trim());
}

describe("the monitoring page", () => {
  it("counts agencies per status, excluding the not invited from the fielded sample", async () => {
    const page = await coordinator.get("/monitoring").expect(200);
    const text = textOf(page.text);
    expect(text).toContain("The sample frame holds 11 agencies: 9 invited (the fielded sample) and 2 not invited.");
    expect(text).toContain("2 agencies are marked do not contact (1 of them had already been invited)");
    const caption = "Agencies of the sample frame by invitation status";
    expect(row(page.text, caption, "Submitted")).toEqual(["3", "27.3%", "33.3%", "I"]);
    expect(row(page.text, caption, "Started")).toEqual(["1", "9.1%", "11.1%", "P"]);
    expect(row(page.text, caption, "Invited")).toEqual(["2", "18.2%", "22.2%", "NC"]);
    expect(row(page.text, caption, "Invitation failed")).toEqual(["1", "9.1%", "11.1%", "UO"]);
    expect(row(page.text, caption, "Not invited")).toEqual(["2", "18.2%", "not fielded", "excluded"]);
    expect(page.text).toMatch(
      /<img class="chart" src="data:image\/svg\+xml;base64,[^"]+" alt="Bar chart of the invited/,
    );
  });

  it("shows the AAPOR rates of the hand computation, each with its formula", async () => {
    const page = await coordinator.get("/monitoring").expect(200);
    const text = textOf(page.text);
    expect(text).toContain("RR1 33.3%");
    expect(text).toContain("RR2 44.4%");
    expect(text).toContain("COOP1 50.0%");
    expect(text).toContain("COOP2 66.7%");
    expect(text).toContain("REF1 11.1%");
    expect(text).toContain("RR1 = I / ((I+P) + (R+NC+O) + (UH+UO))");
    expect(text).toContain("3 / ((3 + 1) + (1 + 2 + 1) + (0 + 1)) = 3 / 9");
    expect(text).toContain("COOP1 = I / ((I+P) + R + O)");
    expect(text).toContain("REF1 = R / ((I+P) + (R+NC+O) + (UH+UO))");
    // The mapping and its decisions are stated.
    expect(text).toContain("No minimal-answer threshold applies");
    expect(text).toContain("An approximation");
    expect(text).toContain("agencies not invited are not part of the fielded sample");
  });

  it("gives response rates by state, agency type and size band", async () => {
    const page = await coordinator.get("/monitoring").expect(200);
    // [agencies, invited, I, P, R, NC, O, UO, RR1, RR2]
    expect(row(page.text, "Response rates by state", "Ohio")).toEqual([
      "6",
      "5",
      "3",
      "1",
      "0",
      "0",
      "1",
      "0",
      "60.0%",
      "80.0%",
    ]);
    expect(row(page.text, "Response rates by state", "Virginia")).toEqual([
      "5",
      "4",
      "0",
      "0",
      "1",
      "2",
      "0",
      "1",
      "0.0%",
      "0.0%",
    ]);
    expect(row(page.text, "Response rates by size band \\(sworn officers\\)", "11 to 49 sworn officers")[8]).toBe(
      "60.0%",
    );
    const sheriffs = row(page.text, "Response rates by agency type", "Sheriff&#x27;s office or department");
    expect(sheriffs.slice(0, 2)).toEqual(["4", "3"]);
    expect(sheriffs[8]).toBe("0.0%");
  });

  it("is linked from the staff home for coordinators", async () => {
    const home = await coordinator.get("/staff").expect(200);
    expect(home.text).toContain('href="/monitoring"');
  });
});
