// The worker as separate processes (`node --import tsx src/cli/worker.ts`):
// two at once, a graceful stop, and a crash (SIGKILL) in the middle of a wave.
import { describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import { resolveUncertain } from "../../../src/invitations/outbox/resolve-uncertain.js";
import { useTestDatabase } from "../../support/database.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../support/smtp.js";
import { queueWave } from "../../../src/invitations/waves/queue-wave.js";
import { TEST_LINK_SECRET } from "../../support/app.js";
import { createSurveyWithAgencies, createSurveyWithInvitations, eventually, messageFor } from "./fixtures.js";
import { runWorker } from "./worker-harness.js";
import { spawnWorker } from "./worker-process.js";

let db: Database;
useTestDatabase((opened) => (db = opened));

async function wave(count: number) {
  const { surveyId, waveId, invitations } = await createSurveyWithInvitations(db.prisma, count);
  await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
  return { surveyId, waveId, invitations };
}

const countByStatus = async (waveId: number) => {
  const groups = await db.prisma.emailMessage.groupBy({ by: ["status"], where: { waveId }, _count: true });
  return Object.fromEntries(groups.map((g) => [g.status, g._count]));
};

async function withServer<T>(fn: (server: TestSmtpServer) => Promise<T>): Promise<T> {
  const server = await startTestSmtpServer();
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

describe("worker processes", () => {
  it("two at once send each message exactly once", { timeout: 60_000 }, async () => {
    await withServer(async (server) => {
      const { waveId, invitations } = await wave(400);
      const workers = ["worker-a", "worker-b"].map((workerId) =>
        spawnWorker({ databaseUrl: db.url, smtp: server.smtp, workerId }),
      );
      try {
        await server.waitForReceived(400, 45_000);
        await eventually(async () => (await countByStatus(waveId)).sent === 400, 10_000);
      } finally {
        for (const w of workers) w.child.kill("SIGTERM");
      }
      const exits = await Promise.all(workers.map((w) => w.exited));
      expect(exits.map((e) => e.code)).toEqual([0, 0]);
      await new Promise((r) => setTimeout(r, 200));
      expect(server.received).toHaveLength(400);
      for (const i of invitations) expect(server.countFor(i.email)).toBe(1);
      const byWorker = await db.prisma.emailMessage.groupBy({ by: ["claimedBy"], where: { waveId }, _count: true });
      expect(byWorker.map((g) => g.claimedBy).sort()).toEqual(["worker-a", "worker-b"]);
    });
  });

  it("on SIGTERM, finishes the messages in hand, hands back the rest and exits 0", { timeout: 60_000 }, async () => {
    await withServer(async (server) => {
      const { waveId, invitations } = await wave(60);
      const worker = spawnWorker({
        databaseUrl: db.url,
        smtp: server.smtp,
        workerId: "graceful",
        ratePerSecond: 20,
      });
      await server.waitForReceived(10, 30_000);
      worker.child.kill("SIGTERM");
      const exit = await worker.exited;
      expect(exit, worker.output()).toEqual({ code: 0, signal: null });

      const statuses = await countByStatus(waveId);
      expect(statuses.sending).toBeUndefined();
      expect(statuses.uncertain).toBeUndefined();
      expect(statuses.sent).toBe(server.received.length);
      expect(statuses.sent).toBeLessThan(60);
      // The messages handed back count no attempt: they never left.
      const queued = await db.prisma.emailMessage.findMany({ where: { waveId, status: "queued" } });
      expect(queued.every((m) => m.attempts === 0 && m.claimedBy === null)).toBe(true);

      const run = runWorker(db, server);
      await run.worker.drain();
      await run.stop();
      for (const i of invitations) expect(server.countFor(i.email)).toBe(1);
    });
  });

  it(
    "killed with SIGKILL mid-wave: no one gets a message twice, and the uncertain ones are settled",
    { timeout: 90_000 },
    async () => {
      await withServer(async (server) => {
        const total = 2000;
        const { surveyId, waveId, invitations } = await wave(total);
        const first = spawnWorker({ databaseUrl: db.url, smtp: server.smtp, workerId: "crashy" });
        await server.waitForReceived(600, 45_000);
        first.child.kill("SIGKILL");
        expect((await first.exited).signal).toBe("SIGKILL");
        const atCrash = await countByStatus(waveId);
        const receivedAtCrash = server.received.length;
        expect(atCrash.sent ?? 0).toBeGreaterThan(0);
        expect(atCrash.sent ?? 0).toBeLessThan(total);

        // The restarted worker (same id) settles the rest; what was in hand at the crash is uncertain.
        const second = spawnWorker({ databaseUrl: db.url, smtp: server.smtp, workerId: "crashy" });
        await eventually(async () => {
          const s = await countByStatus(waveId);
          return !s.queued && !s.sending && (s.sent ?? 0) + (s.uncertain ?? 0) === total;
        }, 60_000);
        second.child.kill("SIGTERM");
        expect((await second.exited).code).toBe(0);

        const messages = await db.prisma.emailMessage.findMany({ where: { waveId } });
        const uncertain = messages.filter((m) => m.status === "uncertain");
        for (const m of messages) {
          const copies = server.countFor(m.toAddress);
          if (m.status === "sent") expect(copies, m.toAddress).toBe(1);
          else expect(copies, m.toAddress).toBeLessThanOrEqual(1);
        }
        console.info(
          `crash test: ${receivedAtCrash} received before SIGKILL, ${atCrash.sent ?? 0} recorded sent, ` +
            `${atCrash.sending ?? 0} in hand -> ${uncertain.length} uncertain ` +
            `(${uncertain.filter((m) => server.countFor(m.toAddress) === 1).length} had reached the server)`,
        );

        // A coordinator checks the server's log for each uncertain one and settles it.
        for (const m of uncertain) {
          const arrived = server.countFor(m.toAddress) === 1;
          await resolveUncertain({ db: db.prisma, messageId: m.id, decision: arrived ? "mark_sent" : "resend" });
        }
        const run = runWorker(db, server);
        await run.worker.drain();
        await run.stop();

        expect(await countByStatus(waveId)).toEqual({ sent: total });
        expect(server.received).toHaveLength(total);
        for (const i of invitations) expect(server.countFor(i.email)).toBe(1);
        expect(await db.prisma.invitation.count({ where: { surveyId, status: "invited" } })).toBe(total);
      });
    },
  );
  it(
    "a wave of 2,000 queued by the wave service, worker killed mid-way and restarted: exactly one each",
    { timeout: 120_000 },
    async () => {
      await withServer(async (server) => {
        const total = 2000;
        const { surveyId, agencies } = await createSurveyWithAgencies(db.prisma, total);
        const queued = await queueWave({
          db,
          surveyId,
          request: {
            kind: "invitation",
            selection: { type: "picked", agencyIds: agencies.map((a) => a.id) },
            group: "both",
            sendAt: null,
            name: "Crash wave",
          },
          linkSecret: TEST_LINK_SECRET,
          userId: null,
        });
        expect(queued.ok && queued.queued).toBe(total);
        const waveId = queued.ok ? queued.waveId : 0;

        const first = spawnWorker({ databaseUrl: db.url, smtp: server.smtp, workerId: "wave-crashy" });
        await server.waitForReceived(600, 45_000);
        first.child.kill("SIGKILL");
        expect((await first.exited).signal).toBe("SIGKILL");
        expect(server.received.length).toBeLessThan(total);

        const second = spawnWorker({ databaseUrl: db.url, smtp: server.smtp, workerId: "wave-crashy" });
        await eventually(async () => {
          const s = await countByStatus(waveId);
          return !s.queued && !s.sending && (s.sent ?? 0) + (s.uncertain ?? 0) === total;
        }, 90_000);
        second.child.kill("SIGTERM");
        expect((await second.exited).code).toBe(0);
        // What was in hand at the crash is uncertain: a coordinator settles it from the server's log.
        for (const m of await db.prisma.emailMessage.findMany({ where: { waveId, status: "uncertain" } })) {
          const arrived = server.countFor(m.toAddress) === 1;
          await resolveUncertain({ db: db.prisma, messageId: m.id, decision: arrived ? "mark_sent" : "resend" });
        }
        const run = runWorker(db, server, { links: { baseUrl: "http://survey.test", secret: TEST_LINK_SECRET } });
        await run.worker.drain();
        await run.stop();

        expect(await countByStatus(waveId)).toEqual({ sent: total });
        expect(server.received).toHaveLength(total);
        for (const a of agencies) expect(server.countFor(a.contactEmail!), a.contactEmail!).toBe(1);
        // Every message carried its agency's own link, made at send time.
        const links = new Set(
          server.received.map((m) => /http:\/\/survey\.test\/s\/([A-Za-z0-9_-]{43})/.exec(m.text)?.[1]),
        );
        expect(links.size).toBe(total);
        expect(links.has(undefined)).toBe(false);
        expect(await db.prisma.invitation.count({ where: { surveyId, status: "invited" } })).toBe(total);
      });
    },
  );
});
