import { describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../src/db/client.js";
import { claimMessages } from "../../../src/invitations/outbox/claim-messages.js";
import { enqueueMessage } from "../../../src/invitations/outbox/enqueue-message.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import { useTestDatabase } from "../../support/database.js";
import { createSurveyWithInvitations, messageFor } from "./fixtures.js";

let db: Database;
useTestDatabase((opened) => (db = opened));

describe("enqueueMessage", () => {
  it("writes a queued message with its headers as JSON text", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 1);
    const result = await enqueueMessage({ db: db.prisma, ...messageFor(invitations[0]!, waveId) });
    expect(result.created).toBe(true);
    const row = await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ status: "queued", attempts: 0, kind: "invitation", toAddress: invitations[0]!.email });
    expect(JSON.parse(row.headers)).toMatchObject({
      "List-Unsubscribe": `<https://survey.test/opt-out/${invitations[0]!.id}>`,
    });
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("skips a message the wave already holds for the invitation, inside a transaction too", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 3);
    const messages = invitations.map((i) => messageFor(i, waveId));
    const first = await enqueueMessages({ db: db.prisma, messages });
    expect(first).toMatchObject({ skipped: 0 });
    expect(first.ids).toHaveLength(3);
    // The second run happens in a transaction that goes on to write: on
    // PostgreSQL a unique violation would have aborted it.
    const again = await db.prisma.$transaction(async (tx) => {
      const result = await enqueueMessages({ db: tx, messages });
      const single = await enqueueMessage({ db: tx, ...messages[0]! });
      await tx.wave.update({ where: { id: waveId }, data: { name: "First wave (sent twice)" } });
      return { result, single };
    });
    expect(again.result).toEqual({ ids: [], skipped: 3 });
    expect(again.single).toEqual({ id: first.ids[0], created: false });
    expect(await db.prisma.emailMessage.count({ where: { waveId } })).toBe(3);
  });

  it("keeps every message that belongs to no wave", async () => {
    const message = { kind: "test" as const, to: "someone@example.test", subject: "Test", text: "Hello" };
    await enqueueMessage({ db: db.prisma, ...message });
    await enqueueMessage({ db: db.prisma, ...message });
    expect(await db.prisma.emailMessage.count({ where: { toAddress: "someone@example.test" } })).toBe(2);
  });

  it("refuses header injection and malformed addresses", async () => {
    const base = { kind: "test" as const, to: "a@example.test", subject: "Hi", text: "x" };
    await expect(enqueueMessage({ db: db.prisma, ...base, subject: "Hi\r\nBcc: x@evil.test" })).rejects.toThrow(
      /Invalid outbox message/,
    );
    await expect(
      enqueueMessage({ db: db.prisma, ...base, headers: { "X-A": "1\nBcc: x@evil.test" } }),
    ).rejects.toThrow();
    await expect(enqueueMessage({ db: db.prisma, ...base, to: "a@example.test, b@example.test" })).rejects.toThrow();
  });
});

describe("claimMessages", () => {
  it("claims due queued messages only, oldest first, and counts the attempt", async () => {
    await db.prisma.emailMessage.deleteMany();
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 4);
    const now = new Date();
    const later = new Date(now.getTime() + 60_000);
    const [a, b, c, d] = invitations.map((i) => messageFor(i, waveId));
    await enqueueMessages({ db: db.prisma, messages: [a!, b!], now: new Date(now.getTime() - 1000) });
    await enqueueMessages({ db: db.prisma, messages: [{ ...c!, sendAfter: later }], now });
    const { ids } = await enqueueMessages({ db: db.prisma, messages: [d!], now });
    await db.prisma.emailMessage.update({ where: { id: ids[0]! }, data: { status: "sent" } });

    const claimed = await claimMessages({ db, workerId: "w1", limit: 10, now });
    expect(claimed.map((m) => m.toAddress)).toEqual([a!.to, b!.to]);
    expect(claimed[0]).toMatchObject({
      kind: "invitation",
      subject: a!.subject,
      text: a!.text,
      html: a!.html,
      invitationId: a!.invitationId,
      waveId,
      attempts: 1,
    });
    expect(claimed[0]!.messageId).toMatch(new RegExp(`^<outbox\\.${claimed[0]!.id}\\.[0-9a-f]+@localhost>$`));
    expect(claimed[0]!.blocker).toBeNull();
    expect(JSON.parse(claimed[0]!.headers)).toEqual(a!.headers);
    const rows = await db.prisma.emailMessage.findMany({ where: { id: { in: claimed.map((m) => m.id) } } });
    for (const row of rows) {
      expect(row).toMatchObject({ status: "sending", claimedBy: "w1", attempts: 1 });
      expect(row.claimedAt?.getTime()).toBe(now.getTime());
    }
    expect(await claimMessages({ db, workerId: "w2", limit: 10, now })).toEqual([]);
    // Once its time has come, the scheduled one is due.
    const due = await claimMessages({ db, workerId: "w2", limit: 10, now: new Date(later.getTime() + 1) });
    expect(due.map((m) => m.toAddress)).toEqual([c!.to]);
  });

  it("claims no more than the limit", async () => {
    await db.prisma.emailMessage.deleteMany();
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 5);
    await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
    expect(await claimMessages({ db, workerId: "w1", limit: 2, now: new Date() })).toHaveLength(2);
    expect(await db.prisma.emailMessage.count({ where: { status: "sending" } })).toBe(2);
    expect(await claimMessages({ db, workerId: "w1", limit: 2, now: new Date() })).toHaveLength(2);
    expect(await claimMessages({ db, workerId: "w1", limit: 2, now: new Date() })).toHaveLength(1);
  });

  it("never gives the same message to two workers claiming at once", async () => {
    await db.prisma.emailMessage.deleteMany();
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 300);
    await enqueueMessages({ db: db.prisma, messages: invitations.map((i) => messageFor(i, waveId)) });
    // Separate connections (pools on PostgreSQL), as separate worker processes would have.
    const others = await Promise.all([openDatabase(db.url), openDatabase(db.url)]);
    try {
      const workers = [db, ...others];
      const claimedBy = new Map<number, string>();
      let duplicates = 0;
      let maxBatch = 0;
      const run = async (worker: Database, name: string) => {
        for (;;) {
          const batch = await claimMessages({ db: worker, workerId: name, limit: 7, now: new Date() });
          if (batch.length === 0) return;
          maxBatch = Math.max(maxBatch, batch.length);
          for (const m of batch) {
            if (claimedBy.has(m.id)) duplicates += 1;
            claimedBy.set(m.id, name);
          }
        }
      };
      await Promise.all(workers.flatMap((w, i) => [run(w, `w${i}a`), run(w, `w${i}b`)]));
      expect(duplicates).toBe(0);
      expect(maxBatch).toBeLessThanOrEqual(7);
      expect(claimedBy.size).toBe(300);
      const rows = await db.prisma.emailMessage.findMany({ select: { id: true, claimedBy: true, attempts: true } });
      for (const row of rows) {
        expect(row.attempts).toBe(1);
        expect(row.claimedBy).toBe(claimedBy.get(row.id));
      }
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});
