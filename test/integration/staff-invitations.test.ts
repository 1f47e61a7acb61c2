// An admin invites a colleague from the staff accounts page: the email is read
// back from a real SMTP server and its link sets a password once.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedInstrument } from "../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp.js";
import { runWorker } from "./outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
let admin: Agent;
let adminName: string;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  await seedInstrument(t.db.prisma);
  const user = await createUser(t.db.prisma, { role: "admin", name: "Alma Admin" });
  adminName = user.name;
  admin = await signIn(t.app, user.email);
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});
beforeEach(() => smtp.clear());

async function invite(form: Record<string, string>) {
  const page = await admin.get("/admin/users").expect(200);
  const _csrf = csrfFrom(page.text);
  return admin
    .post("/admin/users/invite")
    .type("form")
    .send({ _csrf, ...form });
}

async function deliveredLink(): Promise<string> {
  const run = runWorker(t.db, smtp);
  await run.worker.drain();
  await run.stop();
  expect(smtp.received).toHaveLength(1);
  return /http:\/\/survey\.test(\/password\/set\/[A-Za-z0-9_-]{43})/.exec(smtp.received[0]!.text)![1]!;
}

async function setPassword(link: string, password: string) {
  const agent = request.agent(t.app);
  const page = await agent.get(link);
  if (page.status !== 200) return page;
  return agent
    .post(link)
    .type("form")
    .send({ _csrf: csrfFrom(page.text), password, confirm: password });
}

describe("inviting a colleague", () => {
  it("creates an account that cannot sign in until the emailed link sets its password, once", async () => {
    const page = await admin.get("/admin/users").expect(200);
    expect(page.text).toContain("Invite a colleague");
    expect(page.text).toMatch(/id="grantCurrentSurvey" name="grantCurrentSurvey" value="yes" checked/);

    const res = await invite({
      name: "Cora <Coordinator>",
      email: "Cora@IACP.example",
      role: "coordinator",
    });
    expect(res.status).toBe(303);
    expect((await admin.get(res.headers.location!)).text).toContain("The invitation was sent.");
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "cora@iacp.example" } });
    expect(user).toMatchObject({ role: "coordinator", passwordHash: null, active: true });
    const list = await admin.get("/admin/users");
    expect(list.text).toContain("Invited, no password yet");
    expect(list.text).toContain("Cora &lt;Coordinator&gt;");

    const link = await deliveredLink();
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["cora@iacp.example"]);
    expect(mail.subject).toBe("You are invited to the survey platform");
    expect(mail.text).toContain(
      `${adminName} has created a staff account for you (cora@iacp.example, role: coordinator)`,
    );
    expect(mail.html).toContain("Hello Cora &lt;Coordinator&gt;,");
    expect(mail.html).toContain(`href="http://survey.test${link}"`);

    const done = await setPassword(link, "granite orchard fable 7");
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe("/login?welcome");
    expect((await setPassword(link, "another orchard fable 8")).status).toBe(410);
    const cora = await signIn(t.app, "cora@iacp.example", "granite orchard fable 7");
    await cora.get("/agencies").expect(200);
    expect((await admin.get("/admin/users")).text).not.toContain("Invited, no password yet");
    const actions = (await t.db.prisma.auditEvent.findMany({ where: { targetId: String(user.id) } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["user.invited", "auth.password_set.invite"]));
  });

  it("says so next to the field when the address already has an account, and creates nothing", async () => {
    const existing = await createUser(t.db.prisma, { role: "researcher" });
    const before = await t.db.prisma.user.count();
    const res = await invite({ name: "Again", email: existing.email.toUpperCase(), role: "admin" });
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<p class="error-message" id="email-error"><span class="visually-hidden">Error:</span> An account for this address already exists.',
    );
    expect(res.text).toContain('value="Again"');
    const invalid = await invite({ name: "", email: "nope", role: "emperor" });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain("Enter the colleague&#x27;s name");
    expect(invalid.text).toContain("Enter an email address like name@agency.gov");
    expect(invalid.text).toContain("Choose a role");
    expect(await t.db.prisma.user.count()).toBe(before);
    expect(await t.db.prisma.emailMessage.count({ where: { kind: "staff_invite", toAddress: existing.email } })).toBe(
      0,
    );
  });

  it("resends an invitation with a new link that replaces the old one", async () => {
    await invite({
      name: "Rae Researcher",
      email: "rae@university.example",
      role: "researcher",
      grantCurrentSurvey: "yes",
    });
    const user = await t.db.prisma.user.findUniqueOrThrow({
      where: { email: "rae@university.example" },
      include: { grants: true },
    });
    expect(user.grants).toHaveLength(1);
    const first = await deliveredLink();
    smtp.clear();

    const page = await admin.get("/admin/users");
    expect(page.text).toContain(`Resend invitation<span class="visually-hidden"> to rae@university.example`);
    const resent = await admin
      .post(`/admin/users/${user.id}/resend-invitation`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text) });
    expect(resent.status).toBe(303);
    const second = await deliveredLink();
    expect(second).not.toBe(first);
    expect((await setPassword(first, "copper lantern valley 3")).status).toBe(410);
    expect((await setPassword(second, "copper lantern valley 3")).status).toBe(303);

    const again = await admin
      .post(`/admin/users/${user.id}/resend-invitation`)
      .type("form")
      .send({ _csrf: csrfFrom((await admin.get("/admin/users")).text) });
    expect(again.status).toBe(409);
    expect(again.text).toContain("This account does not need an invitation");
  });
});
