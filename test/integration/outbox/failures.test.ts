import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import { resolveUncertain } from "../../../src/invitations/outbox/resolve-uncertain.js";
import type { TestSmtpServer } from "../../support/smtp.js";
import { createSurveyWithInvitations, eventually, messageFor, useOutboxTestbed } from "./fixtures.js";
import { runWorker } from "./worker-harness.js";

const bed = useOutboxTestbed();
let db: Database;
let server: TestSmtpServer;
beforeAll(() => ({ db, server } = bed));
beforeEach(async () => {
  server.clear();
  server.stall(false);
  await server.up();
});

async function queueFor(count: number) {
  const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, count);
  const { ids } = await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
  return { invitations, ids };
}

const message = (id: number) => db.prisma.emailMessage.findUniqueOrThrow({ where: { id } });

describe("when the mail server says no", () => {
  it("a 4xx is retried with exponential backoff, then sent", async () => {
    const { invitations, ids } = await queueFor(1);
    server.refuse(invitations[0]!.email, 451, { message: "4.7.1 Greylisted, try again later", times: 2 });
    // A clock the test moves: due times are checked to the millisecond.
    const t0 = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    let now = new Date(t0);
    const run = runWorker(db, server, { clock: { now: () => now }, retry: { baseMs: 30_000, maxMs: 3_600_000 } });
    try {
      const first = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "queued" && m.attempts === 1 && m;
      });
      expect(first.nextAttemptAt.getTime()).toBe(t0 + 30_000);
      expect(first.lastError).toContain("451 4.7.1 Greylisted, try again later");
      expect(first.claimedBy).toBeNull();

      now = new Date(t0 + 30_000);
      const second = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "queued" && m.attempts === 2 && m;
      });
      expect(second.nextAttemptAt.getTime()).toBe(t0 + 30_000 + 60_000);

      now = new Date(t0 + 90_000);
      const sent = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "sent" && m;
      });
      expect(sent).toMatchObject({ attempts: 3, lastError: "" });
      expect(sent.sentAt?.getTime()).toBe(t0 + 90_000);
      expect(server.refusals).toHaveLength(2);
      expect(server.countFor(invitations[0]!.email)).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it("a 5xx fails the message with the server's reply, on the invitation's timeline too", async () => {
    const { invitations, ids } = await queueFor(2);
    const bounced = invitations[0]!;
    server.refuse(bounced.email, 550, { message: "5.1.1 <" + bounced.email + ">: Recipient address rejected" });
    const run = runWorker(db, server);
    await run.worker.drain();
    await run.stop();

    const failed = await message(ids[0]!);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toBe(`550 5.1.1 <${bounced.email}>: Recipient address rejected`);
    const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: bounced.id } });
    expect(events.map((e) => e.type)).toEqual(["failed"]);
    expect(events[0]!.detail).toContain("550 5.1.1");
    const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { id: bounced.id } });
    expect(invitation.status).toBe("failed");
    // The other message was not held up.
    expect((await message(ids[1]!)).status).toBe("sent");
  });

  it("a 4xx that never clears fails after the last attempt", async () => {
    const { invitations, ids } = await queueFor(1);
    server.refuse(invitations[0]!.email, 452, { message: "4.2.2 Mailbox full" });
    const run = runWorker(db, server, { retry: { baseMs: 50, maxMs: 100, maxAttempts: 3 } });
    try {
      const failed = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "failed" && m;
      });
      expect(failed.attempts).toBe(3);
      expect(failed.lastError).toBe("gave up after 3 attempts: 452 4.2.2 Mailbox full");
    } finally {
      await run.stop();
    }
  });
});

describe("when the mail server is unavailable", () => {
  it("while it is down nothing is lost: the worker backs off, then sends each message once", async () => {
    await server.down();
    const { invitations, ids } = await queueFor(6);
    const run = runWorker(db, server, { maxInFlight: 2, retry: { baseMs: 300, maxMs: 1000, maxAttempts: 10 } });
    try {
      await eventually(async () => (await message(ids[0]!)).attempts >= 1);
      await new Promise((r) => setTimeout(r, 500));
      const during = await db.prisma.emailMessage.findMany({ where: { id: { in: ids } } });
      expect(during.every((m) => m.status === "queued")).toBe(true);
      expect(during.some((m) => /ECONNREFUSED/.test(m.lastError))).toBe(true);
      // Paused as a whole: one probe per pause, not every message failing in a loop.
      expect(during.reduce((sum, m) => sum + m.attempts, 0)).toBeLessThanOrEqual(6);

      await server.up();
      await eventually(
        async () => (await db.prisma.emailMessage.count({ where: { id: { in: ids }, status: "sent" } })) === 6,
      );
      for (const i of invitations) expect(server.countFor(i.email)).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it("a server that never greets is retried like one that is down", async () => {
    server.stall("greeting");
    const { invitations, ids } = await queueFor(1);
    const run = runWorker(db, server, { connectionTimeoutMs: 300, retry: { baseMs: 200, maxMs: 500 } });
    try {
      const waiting = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "queued" && m.attempts >= 1 && m;
      });
      expect(waiting.lastError).toMatch(/Greeting never received/);
      server.stall(false);
      await eventually(async () => (await message(ids[0]!)).status === "sent");
      expect(server.countFor(invitations[0]!.email)).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it("a server that stops answering before the message was handed over is retried, not uncertain", async () => {
    server.stall("rcpt");
    const { invitations, ids } = await queueFor(1);
    const run = runWorker(db, server, { socketTimeoutMs: 300, retry: { baseMs: 200, maxMs: 500 } });
    try {
      const waiting = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "queued" && m.attempts >= 1 && m;
      });
      expect(waiting.lastError).toMatch(/Timeout/);
      server.stall(false);
      await eventually(async () => (await message(ids[0]!)).status === "sent");
      expect(server.countFor(invitations[0]!.email)).toBe(1);
    } finally {
      await run.stop();
    }
  });

  it("a connection lost after the message was handed over is uncertain, never re-sent by itself", async () => {
    server.stall("data");
    const { invitations, ids } = await queueFor(1);
    const run = runWorker(db, server, { socketTimeoutMs: 300, retry: { baseMs: 100, maxMs: 200 } });
    try {
      const uncertain = await eventually(async () => {
        const m = await message(ids[0]!);
        return m.status === "uncertain" && m;
      });
      expect(uncertain.lastError).toMatch(/Timeout/);
      expect(server.unanswered).toHaveLength(1);
      server.stall(false);
      await new Promise((r) => setTimeout(r, 400));
      expect(server.received).toHaveLength(0);
      expect((await message(ids[0]!)).status).toBe("uncertain");
      const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: invitations[0]!.id } });
      expect(events.map((e) => e.type)).toEqual(["uncertain"]);

      // The server's log shows it arrived: the coordinator marks it sent.
      await resolveUncertain({ db: db.prisma, messageId: ids[0]!, decision: "mark_sent" });
      expect((await message(ids[0]!)).status).toBe("sent");
      const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitations[0]!.id } });
      expect(invitation.status).toBe("invited");
      await new Promise((r) => setTimeout(r, 200));
      expect(server.received).toHaveLength(0);
    } finally {
      await run.stop();
    }
  });
});
