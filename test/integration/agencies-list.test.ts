// The agencies list: every filter, the name search (case and accents folded
// the same way on both databases), pagination, and hostile names shown as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { textOf } from "../fixtures/agencies/import-flow.js";

let t: TestApp;
let agent: Agent;
const HOSTILE = ["<script>alert(1)</script>", '=HYPERLINK("http://evil.example","click")'];

beforeAll(async () => {
  t = await createTestApp();
  agent = await signIn(t.app, (await createUser(t.db.prisma, { role: "coordinator" })).email);
  const db = t.db.prisma;
  const { survey } = await seedInstrument(db);
  let n = 0;
  const agency = async (
    data: { name: string; state: string; agencyType: string; swornOfficers?: number | null; doNotContact?: boolean },
    status?: string,
  ) => {
    n += 1;
    const created = await db.agency.create({ data: { ...data, contactEmail: `chief${n}@agency.example` } });
    if (status) {
      await db.invitation.create({
        data: { surveyId: survey.id, agencyId: created.id, tokenHash: `hash-${n}`, status },
      });
    }
  };
  await agency(
    { name: "Cañon City Police Department", state: "CO", agencyType: "MUNICIPAL", swornOfficers: 32 },
    "submitted",
  );
  await agency({ name: "Canon Falls Police", state: "MN", agencyType: "MUNICIPAL", swornOfficers: 8 });
  await agency(
    { name: "Denver Sheriff Department", state: "CO", agencyType: "SHERIFF", swornOfficers: 700, doNotContact: true },
    "opted_out",
  );
  await agency(
    { name: "Boulder County Sheriff", state: "CO", agencyType: "SHERIFF", swornOfficers: null },
    "not_invited",
  );
  await agency(
    { name: "New York City Police Department", state: "NY", agencyType: "MUNICIPAL", swornOfficers: 36_000 },
    "invited",
  );
  await agency(
    { name: "Lakeshore University Police", state: "MI", agencyType: "UNIVERSITY", swornOfficers: 10 },
    "started",
  );
  for (const name of HOSTILE) await agency({ name, state: "CO", agencyType: "OTHER", swornOfficers: 1000 });
  for (let i = 1; i <= 60; i++) {
    await agency({
      name: `Filler Agency ${String(i).padStart(3, "0")}`,
      state: "TX",
      agencyType: "COUNTY",
      swornOfficers: 100 + i,
    });
  }
});
afterAll(async () => {
  await t.cleanup();
});

async function list(query = "") {
  const res = await agent.get(`/agencies${query}`).expect(200);
  const names = [...res.text.matchAll(/<a href="\/agencies\/\d+">([^<]*)<\/a>/g)].map((m) => textOf(m[1]!));
  return { names, text: textOf(res.text), html: res.text };
}

describe("the agencies list", () => {
  it("lists every agency, 50 a page, with its invitation status", async () => {
    const first = await list();
    expect(first.text).toContain("The sample frame: 68 agencies.");
    expect(first.text).toContain("Invitation statuses are for 2016 Law Enforcement Use of Social Media Survey.");
    expect(first.names).toHaveLength(50);
    expect(first.text).toContain("Page 1 of 2");
    expect(first.html).toContain('href="/agencies?page&#x3D;2" rel="next"');
    const second = await list("?page=2");
    expect(second.names).toHaveLength(18);
    expect(new Set([...first.names, ...second.names]).size).toBe(68);
    expect(first.text).toMatch(
      /Cañon City Police Department CO Municipal police department 32 chief1@agency\.example Submitted/,
    );
    expect(first.text).toMatch(
      /Canon Falls Police MN Municipal police department 8 chief2@agency\.example Not invited/,
    );
    expect(first.text).toContain("Denver Sheriff Department Do not contact");
  });

  it("filters by state, type, size band, invitation status and do-not-contact", async () => {
    const sorted = async (query: string) => (await list(query)).names.sort();
    expect(await sorted("?state=CO&type=SHERIFF")).toEqual(["Boulder County Sheriff", "Denver Sheriff Department"]);
    expect(await sorted("?size=11-49")).toEqual(["Cañon City Police Department"]);
    expect(await sorted("?size=0-10")).toEqual(["Canon Falls Police", "Lakeshore University Police"]);
    expect(await sorted("?size=1000-plus&state=CO")).toEqual(HOSTILE.slice().sort());
    expect(await sorted("?size=unknown")).toEqual(["Boulder County Sheriff"]);
    expect(await sorted("?status=submitted")).toEqual(["Cañon City Police Department"]);
    expect(await sorted("?status=opted_out")).toEqual(["Denver Sheriff Department"]);
    expect(await sorted("?status=started")).toEqual(["Lakeshore University Police"]);
    // Not invited: no invitation at all, or one that was never sent.
    const notInvited = await sorted("?status=not_invited&state=CO");
    expect(notInvited).toEqual(["Boulder County Sheriff", ...HOSTILE].sort());
    expect(await sorted("?dnc=yes")).toEqual(["Denver Sheriff Department"]);
    const without = await list("?dnc=no&state=CO");
    expect(without.names).not.toContain("Denver Sheriff Department");
    expect(without.names).toHaveLength(4);
  });

  it("searches names ignoring case and accents, combined with filters and pages", async () => {
    const canon = ["Canon Falls Police", "Cañon City Police Department"];
    expect((await list("?q=canon")).names.sort()).toEqual(canon);
    expect((await list("?q=CA%C3%91ON")).names.sort()).toEqual(canon);
    expect((await list("?q=sheriff&dnc=no")).names).toEqual(["Boulder County Sheriff"]);
    const filler = await list("?q=filler&page=2");
    expect(filler.text).toContain("The sample frame: 60 agencies match.");
    expect(filler.names).toHaveLength(10);
    expect(filler.html).toContain('href="/agencies?q&#x3D;filler" rel="prev"');
    expect((await list("?q=nothing+like+this")).text).toContain("No agency matches these filters.");
  });

  it("keeps what was chosen in the filter form and ignores values that are not choices", async () => {
    const chosen = await list("?state=CO&type=SHERIFF&q=county");
    expect(chosen.html).toContain('<option value="CO" selected>Colorado</option>');
    expect(chosen.html).toContain('<option value="SHERIFF" selected>');
    expect(chosen.html).toContain('name="q" type="text" value="county"');
    const bogus = await list("?state=ZZ&type=POLICE&size=huge&status=lost&dnc=maybe&page=-4");
    expect(bogus.text).toContain("The sample frame: 68 agencies.");
  });

  it("shows hostile names as text", async () => {
    const page = await list("?type=OTHER");
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.html).not.toContain("<script>alert(1)");
    expect(page.names.sort()).toEqual(HOSTILE.slice().sort());
  });
});
