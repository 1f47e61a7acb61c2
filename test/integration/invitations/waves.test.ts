// Sending waves through the pages, read back from a real SMTP server: to a
// filter, to ticked agencies, at a set time (and cancelled), and reminders to
// non-responders only, skipping an agency that submits between queuing and sending.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInstrument } from "../../../src/seed/seed-instrument.js";
import { TEST_LINK_SECRET, createTestApp, type TestApp } from "../../support/app.js";
import { createUser } from "../../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../../support/session.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../support/smtp.js";
import { answerEverything, createInvitedAgency, startSurvey, submit } from "../../support/survey.js";
import { runWorker } from "../outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
let agent: Agent;
let coordinatorId: number;
const links = { baseUrl: "http://survey.test", secret: TEST_LINK_SECRET };

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  await seedInstrument(t.db.prisma);
  const user = await createUser(t.db.prisma, { role: "coordinator" });
  coordinatorId = user.id;
  agent = await signIn(t.app, user.email);
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});

let counter = 0;
async function agency(data: { state: string; email?: string | null; doNotContact?: boolean; name?: string }) {
  counter += 1;
  return t.db.prisma.agency.create({
    data: {
      name: data.name ?? `Wave Test PD ${counter}`,
      state: data.state,
      agencyType: "MUNICIPAL",
      contactName: `Chief ${counter}`,
      contactEmail: data.email === undefined ? `chief${counter}@wave.example` : data.email,
      doNotContact: data.doNotContact ?? false,
    },
  });
}

type Form = Record<string, string | string[]>;

async function confirm(form: Form) {
  const page = await agent.get("/invitations/send");
  const _csrf = csrfFrom(page.text);
  return agent
    .post("/invitations/send/confirm")
    .type("form")
    .send({ _csrf, ...form });
}

const unescapeHtml = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Confirms, then queues with the confirmation page's own hidden fields. */
async function queue(form: Form) {
  const confirmed = await confirm(form);
  expect(confirmed.status, confirmed.text.slice(0, 3000)).toBe(200);
  const hidden: [string, string][] = [
    ...confirmed.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g),
  ].map((m) => [m[1]!, unescapeHtml(m[2]!)]);
  // The sign-out form in the header carries a CSRF field too: send one.
  const body = new URLSearchParams([
    ...hidden.filter(([name]) => name !== "_csrf"),
    hidden.find(([n]) => n === "_csrf")!,
  ]);
  const res = await agent.post("/invitations/send").type("form").send(body.toString());
  expect(res.status, res.text.slice(0, 3000)).toBe(303);
  return confirmed;
}

async function send(options: { clock?: { now(): Date } } = {}) {
  smtp.clear();
  const run = runWorker(t.db, smtp, { links, ...options });
  await run.worker.drain();
  await run.stop();
  return smtp.received;
}

const linkIn = (text: string) => /http:\/\/survey\.test\/s\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe("waves", () => {
  it("to a filter: confirms the count and who is left out, queues nothing before, then sends one each with a working link", async () => {
    const vt = [
      await agency({ state: "VT" }),
      await agency({ state: "VT", name: `<img src=x onerror=alert(1)> & Co` }),
    ];
    await agency({ state: "VT", doNotContact: true });
    await agency({ state: "VT", email: null });
    await agency({ state: "NH" });

    const confirmed = await confirm({
      kind: "invitation",
      selection: "filter",
      state: "VT",
      when: "now",
      name: "Vermont",
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("Confirm: Invitations to 2 agencies");
    expect(confirmed.text).toMatch(/Left out: marked do not contact<\/dt><dd>1</);
    expect(confirmed.text).toMatch(/Left out: no contact email<\/dt><dd>1</);
    expect(await t.db.prisma.emailMessage.count()).toBe(0);
    expect(await t.db.prisma.wave.count()).toBe(0);

    await queue({ kind: "invitation", selection: "filter", state: "VT", when: "now", name: "Vermont" });
    const stored = await t.db.prisma.emailMessage.findMany();
    expect(stored).toHaveLength(2);
    for (const m of stored) {
      expect(m.text + m.html + m.headers).not.toContain("survey.test/s/");
      expect(JSON.parse(m.headers)).toHaveProperty("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    const events = await t.db.prisma.invitationEvent.findMany({ where: { type: "queued" } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actorUserId === coordinatorId && e.detail.includes('wave "Vermont"'))).toBe(true);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "wave.queued" } })).toBe(1);

    const mails = await send();
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(vt.map((a) => a.contactEmail).sort());
    for (const mail of mails) {
      const token = linkIn(mail.text)!;
      expect(mail.headers["list-unsubscribe"]).toBe(`<http://survey.test/s/${token}/opt-out>`);
      expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(mail.html).not.toContain("<img src=x");
      const page = await request(t.app).get(`/s/${token}`);
      expect(page.status).toBe(200);
    }
    const hostile = mails.find((m) => m.envelope.to[0] === vt[1]!.contactEmail)!;
    expect(hostile.html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; Co");
    expect(hostile.text).toContain("<img src=x onerror=alert(1)> & Co");
    expect(
      await t.db.prisma.invitation.count({
        where: { invitedAt: { not: null }, agencyId: { in: vt.map((a) => a.id) } },
      }),
    ).toBe(2);

    // The same wave again: everyone is invited already, so nothing is queued.
    const again = await confirm({ kind: "invitation", selection: "filter", state: "VT", when: "now" });
    expect(again.status).toBe(400);
    expect(again.text).toMatch(
      /id="selection-error"[^]*None of the 4 selected agencies can get an invitation \(1 marked do not contact; 1 no contact email; 2 already invited\)/,
    );
  });

  it("refuses an empty selection with a clear message, creating nothing", async () => {
    const before = await t.db.prisma.wave.count();
    const res = await confirm({ kind: "invitation", selection: "filter", state: "WY", when: "now" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("No agency is in this selection, so no invitation was queued");
    const direct = await agent
      .post("/invitations/send")
      .type("form")
      .send({ _csrf: csrfFrom(res.text), kind: "invitation", selection: "filter", state: "WY", when: "now" });
    expect(direct.status).toBe(400);
    expect(await t.db.prisma.wave.count()).toBe(before);
    const none = await confirm({ kind: "invitation", selection: "picked", when: "now" });
    expect(none.status).toBe(400);
    expect(none.text).toContain("No agency is picked");
    const bad = await confirm({ kind: "invitation", selection: "picked", agency: "1; DROP TABLE", when: "now" });
    expect(bad.status).toBe(400);
  });

  it("to agencies ticked on the agencies list", async () => {
    const picked = [await agency({ state: "ME" }), await agency({ state: "ME" })];
    await agency({ state: "ME" });
    const list = await agent.get("/agencies?state=ME").expect(200);
    expect(list.text).toContain(`name="agency" value="${picked[0]!.id}"`);
    const page = await agent.get(`/invitations/send?selection=picked&agency=${picked[0]!.id}&agency=${picked[1]!.id}`);
    expect(page.text).toContain("The 2 agencies picked on the agencies list");
    await queue({ kind: "invitation", selection: "picked", agency: picked.map((a) => String(a.id)), when: "now" });
    const mails = await send();
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(picked.map((a) => a.contactEmail).sort());
  });

  it("at a set time: not sent before, listed as scheduled, and cancellable", async () => {
    const later = await agency({ state: "RI" });
    const kept = await agency({ state: "RI" });
    const sendAt = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    await queue({
      kind: "invitation",
      selection: "picked",
      agency: [String(later.id)],
      when: "later",
      sendAt,
      name: "Later",
    });
    await queue({
      kind: "invitation",
      selection: "picked",
      agency: [String(kept.id)],
      when: "later",
      sendAt,
      name: "Kept",
    });
    expect(await send()).toHaveLength(0);

    const waves = await agent.get("/invitations/waves").expect(200);
    expect(waves.text).toMatch(/Later <span class="agencies-badge">Scheduled<\/span>/);
    const wave = await t.db.prisma.wave.findFirstOrThrow({ where: { name: "Later" } });
    const cancel = await agent
      .post(`/invitations/waves/${wave.id}/cancel`)
      .type("form")
      .send({ _csrf: csrfFrom(waves.text) });
    expect(cancel.status).toBe(303);
    const after = await agent.get(String(cancel.headers.location)).expect(200);
    expect(after.text).toContain("Cancelled: 1 email will not be sent.");
    // Each wave's messages per state, with no stray separator after the last.
    expect(after.text).toContain("<td>1: 1 cancelled</td>");
    expect(after.text).toContain("<td>1: 1 queued</td>");
    expect(await t.db.prisma.emailMessage.findFirst({ where: { waveId: wave.id } })).toMatchObject({
      status: "cancelled",
    });

    const twoHoursOn = { now: () => new Date(Date.now() + 2 * 3_600_000) };
    const mails = await send({ clock: twoHoursOn });
    expect(mails.map((m) => m.envelope.to[0])).toEqual([kept.contactEmail]);
  });

  it("reminders: only non-responders of the chosen group, skipping one that submits before the send, counted when sent", async () => {
    const neverStarted = await createInvitedAgency(t.db.prisma);
    const started = await createInvitedAgency(t.db.prisma);
    const submitted = await createInvitedAgency(t.db.prisma);
    const submitsLater = await createInvitedAgency(t.db.prisma);
    for (const a of [started, submitsLater]) expect((await startSurvey(t.app, a.token)).started.status).toBe(303);
    const done = await answerEverything(t.app, submitted.token);
    expect((await submit(done.agent, submitted.token)).status).toBe(303);
    const ids = [neverStarted, started, submitted, submitsLater].map((a) => String(a.agency.id));

    const onlyNever = await confirm({
      kind: "reminder",
      selection: "picked",
      agency: ids,
      group: "never_started",
      when: "now",
    });
    expect(onlyNever.text).toContain("Confirm: Reminders to 1 agency");
    expect(onlyNever.text).toMatch(/Left out: already submitted<\/dt><dd>1</);
    expect(onlyNever.text).toMatch(/Left out: not in the chosen group of non-responders<\/dt><dd>2</);

    await queue({
      kind: "reminder",
      selection: "picked",
      agency: ids,
      group: "both",
      when: "now",
      name: "First reminder",
    });
    const late = await answerEverything(t.app, submitsLater.token);
    expect((await submit(late.agent, submitsLater.token)).status).toBe(303);

    const received = await send();
    // The two that submitted get their thank-you; the reminders go to the other two only.
    const thanked = received.filter((m) => m.subject.startsWith("Thank you"));
    expect(thanked.map((m) => m.envelope.to[0]).sort()).toEqual(
      [submitted, submitsLater].map((a) => a.agency.contactEmail).sort(),
    );
    const mails = received.filter((m) => m.subject.startsWith("Reminder"));
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(
      [neverStarted, started].map((a) => a.agency.contactEmail).sort(),
    );
    for (const mail of mails) {
      const own = [neverStarted, started].find((a) => a.agency.contactEmail === mail.envelope.to[0])!;
      expect(linkIn(mail.text)).toBe(own.token);
    }
    // The late submitter also has a thank-you message, so the reminder is picked by kind:
    // without it, PostgreSQL may return either row (no order is asked for).
    const skipped = await t.db.prisma.emailMessage.findFirstOrThrow({
      where: { invitationId: submitsLater.invitation.id, kind: "reminder" },
    });
    expect(skipped.status).toBe("skipped");
    const reminded = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: neverStarted.invitation.id } });
    expect(reminded.reminderCount).toBe(1);
    expect(reminded.lastRemindedAt).not.toBeNull();
    const notReminded = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: submitsLater.invitation.id } });
    expect(notReminded.reminderCount).toBe(0);
  });

  it("thanks an agency by email when it submits, with the link back to its answers", async () => {
    const agency = await createInvitedAgency(t.db.prisma, { name: "Thankful <County> Sheriff" });
    const done = await answerEverything(t.app, agency.token);
    expect((await submit(done.agent, agency.token)).status).toBe(303);
    const mails = await send();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.envelope.to).toEqual([agency.agency.contactEmail]);
    expect(mail!.subject).toBe("Thank you, Thankful <County> Sheriff");
    expect(mail!.html).toContain("Thankful &lt;County&gt; Sheriff");
    expect(linkIn(mail!.text)).toBe(agency.token);
    expect(mail!.headers["list-unsubscribe"]).toBe(`<http://survey.test/s/${agency.token}/opt-out>`);
  });
});
