import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import type { TestSmtpServer } from "../../support/smtp.js";
import { createSurveyWithInvitations, messageFor, useOutboxTestbed } from "./fixtures.js";
import { runWorker } from "./worker-harness.js";

const bed = useOutboxTestbed();
let db: Database;
let server: TestSmtpServer;
beforeAll(() => ({ db, server } = bed));
beforeEach(() => server.clear());

describe("the outbox worker sends", () => {
  it("each queued message once, as composed, and records it", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 5);
    await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
    const run = runWorker(db, server);
    await run.worker.drain();
    await run.stop();

    expect(server.received).toHaveLength(5);
    const first = invitations[0]!;
    const mail = server.received.find((m) => m.envelope.to.includes(first.email))!;
    expect(mail.from).toBe("survey@lesm.test");
    expect(mail.headers.from).toMatch(/^"?LESM Survey"? <survey@lesm\.test>$/);
    expect(mail.to).toEqual([first.email]);
    expect(mail.subject).toBe("The 2016 Law Enforcement Use of Social Media Survey");
    expect(mail.text).toContain(`https://survey.test/s/${first.id}`);
    expect(mail.html).toContain(`<a href="https://survey.test/s/${first.id}">take part</a>`);
    expect(mail.headers["list-unsubscribe"]).toBe(`<https://survey.test/opt-out/${first.id}>`);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const row = await db.prisma.emailMessage.findFirstOrThrow({ where: { invitationId: first.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: "", claimedBy: "test-worker" });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.smtpMessageId).toBe(mail.messageId);
    expect(row.smtpMessageId).toMatch(new RegExp(`^<outbox\\.${row.id}\\..+@lesm\\.test>$`));

    const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { id: first.id } });
    expect(invitation.status).toBe("invited");
    expect(invitation.invitedAt).toBeInstanceOf(Date);
    const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: first.id } });
    expect(events.map((e) => e.type)).toEqual(["sent"]);
    expect(events[0]!.detail).toContain(first.email);
  });

  it("a reminder counts on the invitation and leaves a further status alone", async () => {
    const { invitations } = await createSurveyWithInvitations(db.prisma, 1, { kind: "reminder" });
    const invitation = invitations[0]!;
    const invitedAt = new Date("2016-05-02T14:00:00Z");
    await db.prisma.invitation.update({ where: { id: invitation.id }, data: { status: "started", invitedAt } });
    await enqueueMessages({ db: db.prisma, messages: [messageFor(invitation, null, { kind: "reminder" })] });
    const run = runWorker(db, server);
    await run.worker.drain();
    await run.stop();
    const after = await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(after).toMatchObject({ status: "started", reminderCount: 1, invitedAt });
    expect(after.lastRemindedAt).toBeInstanceOf(Date);
  });

  it("at the configured pace, with no more connections than the pool allows", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 12);
    await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
    const started = Date.now();
    const run = runWorker(db, server, { ratePerSecond: 20, maxConnections: 2, maxInFlight: 4 });
    await run.worker.drain();
    const elapsed = Date.now() - started;
    await run.stop();
    expect(server.received).toHaveLength(12);
    // 12 messages at 20 a second: the last starts 11 intervals (550 ms) after the first.
    expect(elapsed).toBeGreaterThanOrEqual(550);
    // At the server the spread is smaller by however long the pool took to connect
    // (sends paced meanwhile wait for a connection), so only roughly.
    const times = server.received.map((m) => m.receivedAt.getTime()).sort((a, b) => a - b);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(300);
    expect(server.peakConnections).toBeLessThanOrEqual(2);
  });

  it("without a limit, as fast as the pool goes", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 200);
    await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
    const run = runWorker(db, server, { maxConnections: 4 });
    await run.worker.drain();
    await run.stop();
    expect(server.received).toHaveLength(200);
    expect(new Set(server.received.map((m) => m.envelope.to[0])).size).toBe(200);
    expect(await db.prisma.emailMessage.count({ where: { waveId, status: "sent" } })).toBe(200);
    expect(server.peakConnections).toBeLessThanOrEqual(4);
  });
});
