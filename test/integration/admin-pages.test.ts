import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn } from "../support/session.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe("admin pages", () => {
  it("changes a role and deactivates an account, ending its sessions, all audited", async () => {
    const admin = await createUser(t.db.prisma, { role: "admin" });
    const colleague = await createUser(t.db.prisma, { role: "researcher" });
    const colleagueAgent = await signIn(t.app, colleague.email);
    const agent = await signIn(t.app, admin.email);
    const page = await agent.get("/admin/users").expect(200);
    expect(page.text).toContain(colleague.email);
    await agent
      .post(`/admin/users/${colleague.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "coordinator" })
      .expect(303);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: colleague.id } })).role).toBe("coordinator");
    await agent
      .post(`/admin/users/${colleague.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), active: "false" })
      .expect(303);
    await colleagueAgent.get("/staff").expect(303);
    expect(await t.db.prisma.session.count({ where: { userId: colleague.id } })).toBe(0);
    const bad = await agent
      .post(`/admin/users/${colleague.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "superuser" });
    expect(bad.status).toBe(400);
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: "user.changed", targetId: String(colleague.id) } }),
    ).toBe(2);
  });

  it("grants the current survey to an account made a researcher, so its results still open", async () => {
    const { survey } = await seedInstrument(t.db.prisma);
    const admin = await createUser(t.db.prisma, { role: "admin" });
    const colleague = await createUser(t.db.prisma, { role: "coordinator" });
    const agent = await signIn(t.app, admin.email);
    const page = await agent.get("/admin/users").expect(200);
    await agent
      .post(`/admin/users/${colleague.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "researcher" })
      .expect(303);
    const grants = await t.db.prisma.surveyGrant.findMany({ where: { userId: colleague.id } });
    expect(grants.map((g) => g.surveyId)).toEqual([survey.id]);
    const researcher = await signIn(t.app, colleague.email);
    await researcher.get(`/results?survey=${survey.slug}`).expect(200);
  });

  it("lets an admin grant a researcher the contact details, and take them back", async () => {
    const admin = await createUser(t.db.prisma, { role: "admin" });
    const researcher = await createUser(t.db.prisma, { role: "researcher" });
    const agent = await signIn(t.app, admin.email);
    const page = await agent.get("/admin/users").expect(200);
    expect(page.text).toContain(`Show contact details<span class="visually-hidden"> to ${researcher.email}`);
    await agent
      .post(`/admin/users/${researcher.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), canSeeContacts: "true" })
      .expect(303);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: researcher.id } })).canSeeContacts).toBe(true);
    const again = await agent.get("/admin/users");
    expect(again.text).toContain(`Hide contact details<span class="visually-hidden"> to ${researcher.email}`);
    await agent
      .post(`/admin/users/${researcher.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(again.text), canSeeContacts: "false" })
      .expect(303);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: researcher.id } })).canSeeContacts).toBe(false);
    const after = await agent.get("/admin/users");
    expect(after.text).toContain(`Show contact details<span class="visually-hidden"> to ${researcher.email}`);
  });

  it("never demotes or deactivates the last active admin", async () => {
    const fresh = await createTestApp();
    try {
      const admin = await createUser(fresh.db.prisma, { role: "admin" });
      const agent = await signIn(fresh.app, admin.email);
      const page = await agent.get("/admin/users");
      const res = await agent
        .post(`/admin/users/${admin.id}`)
        .type("form")
        .send({ _csrf: csrfFrom(page.text), active: "false" });
      expect(res.status).toBe(409);
      expect(res.text).toContain("This is the last active admin");
      expect((await fresh.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    } finally {
      await fresh.cleanup();
    }
  });

  it("shows the audit log with filters and exports it as CSV with formula-safe cells", async () => {
    const admin = await createUser(t.db.prisma, { role: "admin" });
    const agent = await signIn(t.app, admin.email);
    await t.db.prisma.auditEvent.create({
      data: { action: "test.hostile", actorLabel: '=HYPERLINK("http://x")', detail: "{}" },
    });
    const page = await agent.get("/admin/audit?action=test.").expect(200);
    expect(page.text).toContain("test.hostile");
    expect(page.text).toContain("1 events");
    const csv = await agent.get("/admin/audit.csv?action=test.").expect(200);
    expect(csv.headers["x-row-count"]).toBe("1");
    expect(csv.text.startsWith("\uFEFFid,when,action")).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "audit.exported" } })).toBeGreaterThan(0);
  });
});
