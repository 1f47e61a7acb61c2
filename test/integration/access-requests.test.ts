// Researchers' access requests: from the public form to an admin's decision,
// the email read back from a real SMTP server, and the researcher's first sign-in.
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
let surveyTitle: string;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  surveyTitle = (await seedInstrument(t.db.prisma)).survey.title;
  admin = await signIn(t.app, (await createUser(t.db.prisma, { role: "admin" })).email);
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});
beforeEach(() => smtp.clear());

let counter = 0;
function researcher(overrides: Record<string, string> = {}) {
  counter += 1;
  return {
    name: `Dr <b>Ada</b> ${counter}`,
    institution: "Example University",
    email: `ada${counter}@university.example`,
    intendedUse: "A comparison of agencies' tone on social media.\nFor my dissertation.",
    acceptTerms: "yes",
    ...overrides,
  };
}

async function ask(form: Record<string, string>) {
  const agent = request.agent(t.app);
  const page = await agent.get("/access").expect(200);
  const _csrf = csrfFrom(page.text);
  return agent
    .post("/access")
    .type("form")
    .send({ _csrf, ...form });
}

async function deliverMail() {
  const run = runWorker(t.db, smtp);
  await run.worker.drain();
  await run.stop();
}

async function decide(requestId: number, decision: "approve" | "decline", note = "") {
  const page = await admin.get("/admin/access-requests").expect(200);
  const _csrf = csrfFrom(page.text);
  return admin.post(`/admin/access-requests/${requestId}/${decision}`).type("form").send({ _csrf, note });
}

describe("a researcher's access request", () => {
  it("goes from the form to approval to a first sign-in that opens the results", async () => {
    const home = await request(t.app).get("/").expect(200);
    expect(home.text).toContain('To download the full database, please <a href="/access">sign up here</a>');
    const page = await request(t.app).get("/access").expect(200);
    expect(page.text).toContain(surveyTitle);
    expect(page.text).toContain("Data-use terms");

    const form = researcher();
    const sent = await ask(form);
    expect(sent.status).toBe(303);
    const confirmation = await request(t.app).get(sent.headers.location!).expect(200);
    expect(confirmation.text).toContain("the survey team will review your request");
    const stored = await t.db.prisma.accessRequest.findFirstOrThrow({ where: { email: form.email } });
    expect(stored).toMatchObject({ status: "pending", institution: "Example University" });

    const list = await admin.get("/admin/access-requests").expect(200);
    expect(list.text).toContain("Dr &lt;b&gt;Ada&lt;/b&gt;");
    expect(list.text).not.toContain("<b>Ada</b>");
    expect(list.text).toContain("For my dissertation.");

    const approved = await decide(stored.id, "approve", "Welcome & good luck");
    expect(approved.status).toBe(303);
    expect((await admin.get(approved.headers.location!)).text).toContain("The request was approved");
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { email: form.email }, include: { grants: true } });
    expect(user).toMatchObject({ role: "researcher", passwordHash: null, active: true, canSeeContacts: false });
    expect(user.grants.map((g) => g.surveyId)).toEqual([stored.surveyId]);

    await deliverMail();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([form.email]);
    expect(mail.subject).toBe("Your access to the survey data has been approved");
    expect(mail.text).toContain("Welcome & good luck");
    expect(mail.html).toContain("Welcome &amp; good luck");
    expect(mail.html).toContain("Dr &lt;b&gt;Ada&lt;/b&gt;");
    const link = /http:\/\/survey\.test(\/password\/set\/[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;

    // Before choosing a password the account cannot sign in.
    const early = request.agent(t.app);
    const loginPage = await early.get("/login");
    await early
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(loginPage.text), email: form.email, password: "" })
      .expect(401);

    const agent = request.agent(t.app);
    const setPage = await agent.get(link).expect(200);
    const password = "amber meadow lantern 42";
    await agent
      .post(link)
      .type("form")
      .send({ _csrf: csrfFrom(setPage.text), password, confirm: password })
      .expect(303);
    await agent.get(link).expect(410);

    const signedIn = await signIn(t.app, form.email, password);
    const results = await signedIn.get("/results").expect(200);
    expect(results.text).toContain(surveyTitle);

    const actions = (await t.db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    for (const action of [
      "access.requested",
      "user.created",
      "access.granted",
      "access.approved",
      "auth.password_set.invite",
    ])
      expect(actions).toContain(action);
  });

  it("answers the same for an address with an account or a pending request, storing one request", async () => {
    const existing = await createUser(t.db.prisma, { role: "coordinator" });
    const first = await ask(researcher({ email: existing.email }));
    const again = await ask(researcher({ email: existing.email.toUpperCase() }));
    const fresh = await ask(researcher());
    expect([first.status, again.status, fresh.status]).toEqual([303, 303, 303]);
    expect(new Set([first.headers.location, again.headers.location, fresh.headers.location]).size).toBe(1);
    expect(await t.db.prisma.accessRequest.count({ where: { email: existing.email } })).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "access.request_repeated" } })).toBe(1);
  });

  it("shows each problem next to its field, keeps what was typed, and stores nothing", async () => {
    const before = await t.db.prisma.accessRequest.count();
    const res = await ask(
      researcher({ name: "", email: "not-an-email", intendedUse: "x".repeat(5001), acceptTerms: "" }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain(
      '<p class="error-message" id="name-error"><span class="visually-hidden">Error:</span> Enter your name</p>',
    );
    expect(res.text).toContain("Enter an email address like name@university.edu");
    expect(res.text).toContain("Use at most 5,000 characters");
    expect(res.text).toContain("Accept the data-use terms to ask for access");
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="Example University"');
    expect(await t.db.prisma.accessRequest.count()).toBe(before);

    const huge = await ask(researcher({ intendedUse: "y".repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(huge.text).toContain("Too large");
    expect(await t.db.prisma.accessRequest.count()).toBe(before);
  });

  it("declines politely by email, and a decided request cannot be decided again", async () => {
    const form = researcher();
    await ask(form);
    const stored = await t.db.prisma.accessRequest.findFirstOrThrow({ where: { email: form.email } });
    await decide(stored.id, "decline", "The data are not yet public.").then((r) => expect(r.status).toBe(303));
    const again = await decide(stored.id, "approve");
    expect(again.status).toBe(409);
    expect(again.text).toContain("This request has already been decided");
    expect(await t.db.prisma.user.count({ where: { email: form.email } })).toBe(0);

    await deliverMail();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe("Your request for access to the survey data");
    expect(smtp.received[0]!.text).toContain("The data are not yet public.");
    const list = await admin.get("/admin/access-requests").expect(200);
    expect(list.text).toMatch(/declined \d/);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "access.declined" } })).toBe(1);

    // Declined, the address may ask again: a new pending request.
    await ask(form);
    expect(await t.db.prisma.accessRequest.count({ where: { email: form.email, status: "pending" } })).toBe(1);

    const missing = await decide(999_999, "approve");
    expect(missing.status).toBe(404);
    const tooLong = await decide(stored.id + 1, "approve", "n".repeat(2001));
    expect(tooLong.status).toBe(400);
  });

  it("grants an existing account without touching its password, and refuses a deactivated one", async () => {
    const existing = await createUser(t.db.prisma, { role: "researcher" });
    await ask(researcher({ email: existing.email }));
    const request1 = await t.db.prisma.accessRequest.findFirstOrThrow({ where: { email: existing.email } });
    expect((await decide(request1.id, "approve")).status).toBe(303);
    const after = await t.db.prisma.user.findUniqueOrThrow({ where: { id: existing.id }, include: { grants: true } });
    expect(after.passwordHash).toBe(existing.passwordHash);
    expect(after.grants).toHaveLength(1);
    expect(await t.db.prisma.userToken.count({ where: { userId: existing.id } })).toBe(0);
    await deliverMail();
    expect(smtp.received[0]!.text).toContain(`Sign in with your existing account (${existing.email})`);
    expect(smtp.received[0]!.text).not.toContain("/password/set/");
    await (await signIn(t.app, existing.email)).get("/results").expect(200);

    const inactive = await createUser(t.db.prisma, { role: "researcher", active: false });
    await ask(researcher({ email: inactive.email }));
    const request2 = await t.db.prisma.accessRequest.findFirstOrThrow({ where: { email: inactive.email } });
    const refused = await decide(request2.id, "approve");
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("The account for this address is deactivated");
    // Rolled back whole: still pending, nothing granted, nothing queued.
    expect((await t.db.prisma.accessRequest.findUniqueOrThrow({ where: { id: request2.id } })).status).toBe("pending");
    expect(await t.db.prisma.surveyGrant.count({ where: { userId: inactive.id } })).toBe(0);
    expect(await t.db.prisma.emailMessage.count({ where: { toAddress: inactive.email } })).toBe(0);
  });
});
