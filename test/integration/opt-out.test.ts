// Opting out through the personal link: a visit (as mail scanners make) changes
// nothing; the confirm button and an RFC 8058 one-click POST both opt out, and
// no later message reaches the agency.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/invitations/outbox/enqueue-messages.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn } from "../support/session.js";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp.js";
import { createInvitedAgency } from "../support/survey.js";
import { runWorker } from "./outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});

const stateOf = async (invitationId: number) => {
  const invitation = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
  const events = await t.db.prisma.invitationEvent.findMany({ where: { invitationId }, orderBy: { id: "asc" } });
  return { status: invitation.status, optedOutAt: invitation.optedOutAt, events: events.map((e) => e.type) };
};

function reminderTo(invited: Awaited<ReturnType<typeof createInvitedAgency>>) {
  return {
    kind: "reminder" as const,
    to: invited.agency.contactEmail!,
    subject: "A reminder: the 2016 survey",
    text: `Please take part: http://survey.test/s/${invited.token}\n`,
    invitationId: invited.invitation.id,
  };
}

/** Opens the page and presses its button, `times` times (a double click, a reload that resubmits). */
async function confirm(token: string, times = 1) {
  const agent = request.agent(t.app);
  const page = await agent.get(`/s/${token}/opt-out`).expect(200);
  const _csrf = csrfFrom(page.text);
  let res = await agent.post(`/s/${token}/opt-out`).type("form").send({ _csrf });
  for (let i = 1; i < times; i++) res = await agent.post(`/s/${token}/opt-out`).type("form").send({ _csrf });
  return res;
}

describe("the opt-out page", () => {
  it("names the agency and the survey, and a scanner's GET or HEAD changes nothing", async () => {
    const invited = await createInvitedAgency(t.db.prisma, { name: "Springfield <b>Police</b> Department" });
    const before = await stateOf(invited.invitation.id);
    const page = await request(t.app).get(`/s/${invited.token}/opt-out`).expect(200);
    expect(page.text).toContain("Springfield &lt;b&gt;Police&lt;/b&gt; Department");
    expect(page.text).toContain("2016 Law Enforcement Use of Social Media Survey");
    expect(page.text).toContain("Nothing changes until you press the button below.");
    expect(page.text).toMatch(/<form method="post" action="\/s\/[^"]+\/opt-out">/);
    expect(page.text).toContain(`href="/s/${invited.token}"`);
    await request(t.app).head(`/s/${invited.token}/opt-out`).expect(200);
    await request(t.app).get(`/s/${invited.token}/opt-out`).expect(200);
    expect(await stateOf(invited.invitation.id)).toEqual(before);
    expect(before.status).toBe("invited");
  });

  it("opts out on confirmation, cancels queued mail, and repeating it is harmless", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    await enqueueMessages({ db: t.db.prisma, messages: [reminderTo(invited)] });
    const done = await confirm(invited.token, 2);
    expect(done.status).toBe(200);
    expect(done.text).toContain("You have opted out");
    const after = await stateOf(invited.invitation.id);
    expect(after.status).toBe("opted_out");
    expect(after.optedOutAt).toBeInstanceOf(Date);
    expect(after.events).toEqual(["opted_out"]);
    const message = await t.db.prisma.emailMessage.findFirstOrThrow({ where: { invitationId: invited.invitation.id } });
    expect(message.status).toBe("cancelled");
    const page = await request(t.app).get(`/s/${invited.token}/opt-out`).expect(200);
    expect(page.text).toContain("has already opted out");
    expect(page.text).not.toContain("<form");
  });

  it("refuses a POST without a CSRF token that is not a one-click request", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    const forged = await request(t.app)
      .post(`/s/${invited.token}/opt-out`)
      .type("form")
      .send("List-Unsubscribe=One-Click&also=this");
    expect(forged.status).toBe(403);
    const empty = await request(t.app).post(`/s/${invited.token}/opt-out`).type("form").send("");
    expect(empty.status).toBe(403);
    const json = await request(t.app)
      .post(`/s/${invited.token}/opt-out`)
      .set("Content-Type", "application/json")
      .send({ "List-Unsubscribe": "One-Click" });
    expect(json.status).toBe(403);
    // The exemption is for opt-out addresses only.
    const elsewhere = await request(t.app)
      .post(`/s/${invited.token}/start`)
      .type("form")
      .send("List-Unsubscribe=One-Click");
    expect(elsewhere.status).toBe(403);
    expect((await stateOf(invited.invitation.id)).status).toBe("invited");
  });

  it("lets a submitted agency opt out of further mail, keeping its submission", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    await t.db.prisma.invitation.update({
      where: { id: invited.invitation.id },
      data: { status: "submitted", submittedAt: new Date() },
    });
    expect((await confirm(invited.token)).status).toBe(200);
    const after = await stateOf(invited.invitation.id);
    expect(after.status).toBe("submitted");
    expect(after.optedOutAt).toBeInstanceOf(Date);
    expect(after.events).toEqual(["opted_out"]);
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("opts out from a POST of exactly List-Unsubscribe=One-Click, without cookies or token", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    const res = await request(t.app)
      .post(`/s/${invited.token}/opt-out`)
      .type("form")
      .send("List-Unsubscribe=One-Click");
    expect(res.status).toBe(200);
    const after = await stateOf(invited.invitation.id);
    expect(after.status).toBe("opted_out");
    const event = await t.db.prisma.invitationEvent.findFirstOrThrow({
      where: { invitationId: invited.invitation.id },
    });
    expect(event.detail).toContain("one-click unsubscribe");
  });

  it("accepts the multipart form of the same request", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    const res = await request(t.app).post(`/s/${invited.token}/opt-out`).field("List-Unsubscribe", "One-Click");
    expect(res.status).toBe(200);
    expect((await stateOf(invited.invitation.id)).status).toBe("opted_out");
    const other = await createInvitedAgency(t.db.prisma);
    const forged = await request(t.app).post(`/s/${other.token}/opt-out`).field("anything", "else");
    expect(forged.status).toBe(403);
    expect((await stateOf(other.invitation.id)).status).toBe("invited");
  });
});

describe("after opting out", () => {
  it("no reminder reaches the agency, queued before or after, while others still get theirs", async () => {
    smtp.clear();
    const optingOut = await createInvitedAgency(t.db.prisma);
    const staying = await createInvitedAgency(t.db.prisma);
    await enqueueMessages({ db: t.db.prisma, messages: [reminderTo(optingOut), reminderTo(staying)] });
    await request(t.app)
      .post(`/s/${optingOut.token}/opt-out`)
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);
    // A later wave queues another reminder for everyone still listed.
    await enqueueMessages({ db: t.db.prisma, messages: [reminderTo(optingOut)] });

    const run = runWorker(t.db, smtp);
    await run.worker.drain();
    await run.stop();

    expect(smtp.countFor(staying.agency.contactEmail!)).toBe(1);
    expect(smtp.countFor(optingOut.agency.contactEmail!)).toBe(0);
    const statuses = await t.db.prisma.emailMessage.findMany({
      where: { invitationId: optingOut.invitation.id },
      orderBy: { id: "asc" },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["cancelled", "skipped"]);
  });

  it("shows on the agency's page and the invitation's timeline", async () => {
    const invited = await createInvitedAgency(t.db.prisma);
    await enqueueMessages({ db: t.db.prisma, messages: [reminderTo(invited)] });
    await confirm(invited.token);
    const coordinator = await createUser(t.db.prisma, { role: "coordinator" });
    const agent = await signIn(t.app, coordinator.email);
    const page = await agent.get(`/agencies/${invited.agency.id}`).expect(200);
    expect(page.text).toContain("Survey: Opted out, opted out ");
    expect(page.text).toContain(`href="/invitations/${invited.invitation.id}"`);
    const timeline = await agent.get(`/invitations/${invited.invitation.id}`).expect(200);
    expect(timeline.text).toContain("Status now: <strong>Opted out</strong>");
    expect(timeline.text).toContain("Status: cancelled");
    expect(timeline.text).toContain("Why: the agency opted out");
    expect(timeline.text).toContain("the agency confirmed on the opt-out page; 1 queued message cancelled");
  });
});

// Last: once the address is locked out, every survey link refuses it for the window.
describe("unknown links", () => {
  it("answers unknown and malformed links with the survey link's 404, and rate-limits them", async () => {
    const unknown = await request(t.app).get(`/s/${"B".repeat(43)}/opt-out`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("This survey link does not work");
    const malformed = await request(t.app).get("/s/not-a-token/opt-out");
    expect(malformed.status).toBe(404);
    expect(malformed.text).toContain("This survey link does not work");
    const oneClick = await request(t.app)
      .post(`/s/${"C".repeat(43)}/opt-out`)
      .type("form")
      .send("List-Unsubscribe=One-Click");
    expect(oneClick.status).toBe(404);
    let last = 0;
    for (let i = 0; i < 20; i++) last = (await request(t.app).get(`/s/${"D".repeat(42)}${i % 10}/opt-out`)).status;
    expect(last).toBe(429);
  });
});
