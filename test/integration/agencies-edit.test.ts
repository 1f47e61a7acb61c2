// An agency's page: editing with the import's rules (inline errors, what was
// typed kept), do-not-contact with a reason, both audited and shown in history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { textOf } from "../fixtures/agencies/import-flow.js";

let t: TestApp;
let agent: Agent;
let userId: number;
beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db.prisma, { role: "coordinator", name: "Casey Coordinator" });
  userId = user.id;
  agent = await signIn(t.app, user.email);
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function agency(data: Partial<{ name: string; ori: string; contactEmail: string }> = {}) {
  n += 1;
  return t.db.prisma.agency.create({
    data: {
      name: `Cañon City Police Department ${n}`,
      ori: `CO02201${String(n).padStart(2, "0")}`,
      state: "CO",
      agencyType: "MUNICIPAL",
      swornOfficers: 32,
      contactEmail: `chief${n}@canoncity.example`,
      ...data,
    },
  });
}

const form = (a: Awaited<ReturnType<typeof agency>>, changes: Record<string, string> = {}) => ({
  name: a.name,
  ori: a.ori ?? "",
  state: a.state,
  agencyType: a.agencyType,
  swornOfficers: a.swornOfficers === null ? "" : String(a.swornOfficers),
  populationServed: "",
  contactName: a.contactName,
  contactTitle: a.contactTitle,
  contactEmail: a.contactEmail ?? "",
  notes: a.notes,
  ...changes,
});

async function post(path: string, fields: Record<string, string>) {
  const page = await agent.get(path.replace(/\/do-not-contact.*$/, "")).expect(200);
  return agent
    .post(path)
    .type("form")
    .send({ ...fields, _csrf: csrfFrom(page.text) });
}

describe("editing an agency", () => {
  it("refuses bad input with an error beside each field, keeping what was typed", async () => {
    const a = await agency();
    const res = await post(`/agencies/${a.id}`, {
      ...form(a),
      name: "  ",
      ori: "C0-12",
      state: "ZZ",
      agencyType: "",
      swornOfficers: "-3",
      populationServed: "lots",
      contactEmail: "chief at canon",
    });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toContain("There is a problem");
    for (const message of [
      "Enter the agency name",
      "ORI “C0-12” is not 7 or 9 letters and digits",
      "Choose the state",
      "Choose the type of agency",
      "Sworn officers cannot be negative (“-3”)",
      "Population served “lots” is not a whole number",
      "“chief at canon” is not an email address",
    ]) {
      expect(text).toContain(`Error: ${message}`);
    }
    for (const field of ["name", "ori", "state", "agencyType", "swornOfficers", "populationServed", "contactEmail"]) {
      expect(res.text).toContain(`<a href="#${field}">`);
      expect(res.text).toMatch(new RegExp(`id="${field}-error"`));
    }
    expect(res.text).toContain('value="C0-12"');
    expect(res.text).toContain('value="-3"');
    expect(res.text).toContain('value="lots"');
    expect(res.text).toContain('value="chief at canon"');
    expect(await t.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).toEqual(a);
  });

  it("refuses an ORI or a contact email that another agency has", async () => {
    const a = await agency();
    const b = await agency({ name: "Peña Township Police" });
    const res = await post(`/agencies/${a.id}`, {
      ...form(a),
      ori: b.ori!.toLowerCase(),
      contactEmail: b.contactEmail!,
    });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain("Another agency, Peña Township Police, has this ORI");
    expect(textOf(res.text)).toContain("This is already the contact email of another agency, Peña Township Police");
  });

  it("saves good input, records what changed, and shows it in the history", async () => {
    const a = await agency();
    const res = await post(`/agencies/${a.id}`, {
      ...form(a),
      swornOfficers: "1,250",
      populationServed: "",
      contactName: "Roger  Jensen",
      contactEmail: "Roger.Jensen@CanonCity.example",
      notes: "Prefers email.\nCalls back on Mondays.",
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/agencies/${a.id}?saved`);
    const stored = await t.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored).toMatchObject({
      swornOfficers: 1250,
      populationServed: null,
      contactName: "Roger Jensen",
      contactEmail: "roger.jensen@canoncity.example",
      notes: "Prefers email.\nCalls back on Mondays.",
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "agency.updated", targetId: String(a.id) },
    });
    expect(audit.actorUserId).toBe(userId);
    expect(Object.keys(JSON.parse(audit.detail).changes).sort()).toEqual([
      "contactEmail",
      "contactName",
      "notes",
      "swornOfficers",
    ]);
    const page = textOf((await agent.get(res.headers.location!)).text);
    expect(page).toContain("Your changes are saved.");
    expect(page).toMatch(/Casey Coordinator: Changed Sworn officers, Contact name, Contact email, Notes/);

    const same = await post(`/agencies/${a.id}`, form(stored, { populationServed: "" }));
    expect(same.headers.location).toBe(`/agencies/${a.id}?unchanged`);
  });

  it("answers 404 for an agency that does not exist", async () => {
    expect((await agent.get("/agencies/987654")).status).toBe(404);
    expect((await agent.get("/agencies/abc")).status).toBe(404);
  });

  it("shows hostile names as text", async () => {
    const a = await agency({ name: "<script>alert(1)</script>" });
    const b = await agency({ name: '=HYPERLINK("http://evil.example","click")' });
    const page = await agent.get(`/agencies/${a.id}`).expect(200);
    expect(page.text).toContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
    expect(page.text).not.toContain("<script>alert(1)");
    const other = await agent.get(`/agencies/${b.id}`).expect(200);
    expect(other.text).toContain('value="&#x3D;HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)"');
  });
});

describe("do not contact", () => {
  it("needs a reason, marks the agency, and can be cleared, each step audited", async () => {
    const a = await agency();
    const empty = await post(`/agencies/${a.id}/do-not-contact`, { reason: "   " });
    expect(empty.status).toBe(400);
    expect(textOf(empty.text)).toContain("Error: Enter why this agency must not be contacted");
    expect(empty.text).toContain('<a href="#reason">');
    expect((await t.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).doNotContact).toBe(false);

    const reason = "The chief asked by phone on 3 May <not> to be surveyed";
    const marked = await post(`/agencies/${a.id}/do-not-contact`, { reason });
    expect(marked.headers.location).toBe(`/agencies/${a.id}?dnc=set`);
    expect(await t.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      doNotContact: true,
      doNotContactReason: reason,
    });
    const page = await agent.get(marked.headers.location!).expect(200);
    expect(textOf(page.text)).toContain(`Do not contact. Reason: ${reason}`);
    expect(page.text).toContain("&lt;not&gt;");
    expect(textOf(page.text)).toContain("Clear do not contact");
    const list = await agent.get(`/agencies?dnc=yes`).expect(200);
    expect(textOf(list.text)).toContain(`${a.name} Do not contact`);

    const cleared = await post(`/agencies/${a.id}/do-not-contact/clear`, {});
    expect(cleared.headers.location).toBe(`/agencies/${a.id}?dnc=cleared`);
    expect(await t.db.prisma.agency.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      doNotContact: false,
      doNotContactReason: "",
    });
    const events = await t.db.prisma.auditEvent.findMany({
      where: { targetType: "agency", targetId: String(a.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, JSON.parse(e.detail)])).toEqual([
      ["agency.do_not_contact_set", { reason }],
      ["agency.do_not_contact_cleared", { previousReason: reason }],
    ]);
    const history = textOf((await agent.get(`/agencies/${a.id}`)).text);
    expect(history).toContain("Casey Coordinator: Cleared do not contact");
    expect(history).toContain(`Casey Coordinator: Marked do not contact: ${reason}`);
  });
});
