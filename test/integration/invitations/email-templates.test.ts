// Email templates: strict validation next to the field, escaping of hostile
// text in the HTML part (not in the text part), the preview with a real
// agency, and "send me a test" read back from a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInstrument } from "../../../src/seed/seed-instrument.js";
import { createTestApp, type TestApp } from "../../support/app.js";
import { createUser } from "../../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../../support/session.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../support/smtp.js";
import { runWorker } from "../outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
let agent: Agent;
let coordinatorEmail: string;
let surveyId: number;
const HOSTILE = `<script>alert("x")</script> & Sons' "Police"`;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  surveyId = (await seedInstrument(t.db.prisma)).survey.id;
  const user = await createUser(t.db.prisma, { role: "coordinator" });
  coordinatorEmail = user.email;
  agent = await signIn(t.app, user.email);
  await t.db.prisma.agency.create({
    data: {
      name: HOSTILE,
      state: "OH",
      agencyType: "MUNICIPAL",
      contactName: "Pat <b>Doe</b>",
      contactEmail: "pat@hostile.example",
    },
  });
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});

async function post(path: string, form: Record<string, string>, from = path) {
  const page = await agent.get(from);
  const _csrf = csrfFrom(page.text);
  return agent
    .post(path)
    .type("form")
    .send({ _csrf, ...form });
}

const stored = (kind: string) =>
  t.db.prisma.emailTemplate.findUniqueOrThrow({ where: { surveyId_kind: { surveyId, kind } } });

describe("email templates", () => {
  it("starts every survey with the default wording of all three emails", async () => {
    const page = await agent.get("/invitations/templates").expect(200);
    expect(page.text).toContain('href="/invitations/templates/invitation"');
    expect(page.text).toContain('href="/invitations/templates/reminder"');
    expect(page.text).toContain('href="/invitations/templates/thank_you"');
    expect(await t.db.prisma.emailTemplate.count({ where: { surveyId } })).toBe(3);
  });

  it("refuses an unknown placeholder next to its field, keeps what was typed, saves nothing", async () => {
    const before = await stored("invitation");
    const res = await post(
      "/invitations/templates/invitation",
      { subject: "New subject {{agencyName}}", html: "<p>Hello {{agencyNmae}}</p>", text: before.text },
      "/invitations/templates/invitation",
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="html-error"[^]*Unknown placeholder \{\{agencyNmae\}\} \(line 1\)/);
    expect(res.text).toContain("&lt;p&gt;Hello {{agencyNmae}}&lt;/p&gt;</textarea>");
    expect(res.text).toContain('value="New subject {{agencyName}}"');
    expect(await stored("invitation")).toEqual(before);
  });

  it("refuses invalid Handlebars, raw triple braces in HTML, and an invitation without its links", async () => {
    const before = await stored("reminder");
    const bad = await post("/invitations/templates/reminder", {
      subject: "Hi",
      html: "<p>{{{agencyName}}}</p>{{link}}{{optOutLink}}",
      text: "Hello {{#if agencyName}}{{agencyName}}",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="text-error"[^]*This is not valid Handlebars/);
    expect(bad.text).toMatch(/id="html-error"[^]*Use two braces/);
    const noLink = await post("/invitations/templates/reminder", {
      subject: "Hi",
      html: "",
      text: "Hello {{agencyName}}",
    });
    expect(noLink.status).toBe(400);
    expect(noLink.text).toMatch(/id="text-error"[^]*Include \{\{link\}\} and \{\{optOutLink\}\}/);
    expect(await stored("reminder")).toEqual(before);
  });

  it("saves a valid edit and records who did it", async () => {
    const res = await post("/invitations/templates/thank_you", {
      subject: "Thanks, {{agencyName}}",
      html: "<p>Thank you, {{agencyName}}.</p><p>{{coordinatorSignature}}</p>",
      text: "Thank you, {{agencyName}}.\r\n{{coordinatorSignature}}",
    });
    expect(res.status).toBe(303);
    const saved = await stored("thank_you");
    expect(saved.subject).toBe("Thanks, {{agencyName}}");
    expect(saved.text).toBe("Thank you, {{agencyName}}.\n{{coordinatorSignature}}");
    expect(await t.db.prisma.auditEvent.count({ where: { action: "email_template.updated" } })).toBe(1);
  });

  it("checks the deadline, and shows it and the signature in the preview", async () => {
    const bad = await post(
      "/invitations/settings",
      { deadline: "2026-02-30", signature: "x" },
      "/invitations/templates",
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="deadline-error"[^]*Enter the deadline as a date/);
    expect(bad.text).toContain('value="2026-02-30"');
    const ok = await post(
      "/invitations/settings",
      { deadline: "2026-06-30", signature: "Jane Roe <IACP>\nSurvey coordinator" },
      "/invitations/templates",
    );
    expect(ok.status).toBe(303);
    const page = await agent.get("/invitations/templates/invitation?agency=sons").expect(200);
    expect(page.text).toContain("Please answer by June 30, 2026.");
    const html = await agent.get("/invitations/templates/invitation/preview.html?agency=sons").expect(200);
    expect(html.text).toContain("Jane Roe &lt;IACP&gt;<br>\nSurvey coordinator");
  });

  it("previews with a real agency, escaping its name in the HTML part and in the page", async () => {
    const page = await agent.get("/invitations/templates/invitation?agency=sons").expect(200);
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons&#x27; &quot;Police&quot;",
    );
    const html = await agent.get("/invitations/templates/invitation/preview.html?agency=sons").expect(200);
    expect(html.headers["content-security-policy"]).toContain("sandbox");
    expect(html.text).not.toContain("<script>");
    expect(html.text).toContain(
      "Start the survey for &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons&#x27;",
    );
    expect(html.text).toContain("Dear Pat &lt;b&gt;Doe&lt;/b&gt;,");
  });

  it("sends a test to the signed-in coordinator through the outbox: HTML escaped, text as typed", async () => {
    const res = await post(
      "/invitations/templates/invitation/test",
      { agency: "sons" },
      "/invitations/templates/invitation?agency=sons",
    );
    expect(res.status).toBe(303);
    const back = await agent.get(String(res.headers.location)).expect(200);
    expect(back.text).toContain(`A test email is on its way to ${coordinatorEmail}.`);
    smtp.clear();
    const run = runWorker(t.db, smtp);
    await run.worker.drain();
    await run.stop();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.envelope.to).toEqual([coordinatorEmail]);
    expect(mail!.subject).toBe(`[Test] ${HOSTILE}: your invitation to the Law Enforcement Use of Social Media Survey`);
    expect(mail!.text).toContain(`${HOSTILE} is one of the agencies`);
    expect(mail!.text).toContain("Dear Pat <b>Doe</b>,");
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.html).toContain("&lt;script&gt;alert");
    expect(mail!.headers["list-unsubscribe"]).toBe("<http://survey.test/s/example-personal-link/opt-out>");
    expect(await t.db.prisma.emailMessage.count({ where: { kind: "test", status: "sent" } })).toBe(1);
  });

  it("answers 404 for a kind of email that does not exist", async () => {
    await agent.get("/invitations/templates/newsletter").expect(404);
  });
});
