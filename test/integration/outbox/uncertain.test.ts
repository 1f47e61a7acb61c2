import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { AppError } from "../../../src/http/app-error.js";
import { claimMessages } from "../../../src/invitations/outbox/claim-messages.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import { resolveUncertain } from "../../../src/invitations/outbox/resolve-uncertain.js";
import type { TestSmtpServer } from "../../support/smtp.js";
import { createSurveyWithInvitations, messageFor, useOutboxTestbed } from "./fixtures.js";
import { runWorker } from "./worker-harness.js";

const bed = useOutboxTestbed();
let db: Database;
let server: TestSmtpServer;
beforeAll(() => ({ db, server } = bed));

async function queue(count: number) {
  await db.prisma.emailMessage.updateMany({
    where: { status: { in: ["queued", "sending"] } },
    data: { status: "cancelled" },
  });
  const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, count);
  const { ids } = await enqueueMessages({
    db: db.prisma,
    messages: invitations.map((i) => messageFor(i, waveId)),
    now: new Date(Date.now() - 60 * 60_000),
  });
  return { invitations, ids };
}

const statuses = async (ids: number[]) =>
  (await db.prisma.emailMessage.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((m) => m.status);

describe("claims left behind by a worker that died", () => {
  it("are marked uncertain when a worker with the same id starts, and not sent", async () => {
    const { invitations, ids } = await queue(3);
    await claimMessages({ db, workerId: "host-a", limit: 2, now: new Date() });
    const run = runWorker(db, server, { workerId: "host-a" });
    await run.worker.drain();
    await run.stop();
    expect(await statuses(ids)).toEqual(["uncertain", "uncertain", "sent"]);
    expect(server.countFor(invitations[0]!.email)).toBe(0);
    const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: invitations[0]!.id } });
    expect(events.map((e) => e.type)).toEqual(["uncertain"]);
  });

  it("are marked uncertain once older than the lease, whoever holds them", async () => {
    const { ids } = await queue(3);
    await claimMessages({ db, workerId: "host-gone", limit: 1, now: new Date(Date.now() - 10 * 60_000) });
    await claimMessages({ db, workerId: "host-busy", limit: 1, now: new Date() });
    const run = runWorker(db, server, { workerId: "host-b", leaseMs: 5 * 60_000 });
    await run.worker.drain();
    await run.stop();
    expect(await statuses(ids)).toEqual(["uncertain", "sending", "sent"]);
  });
});

describe("resolveUncertain", () => {
  it("mark_sent records the message as sent, as the worker would have", async () => {
    const { invitations, ids } = await queue(1);
    await claimMessages({ db, workerId: "host-c", limit: 1, now: new Date() });
    const run = runWorker(db, server, { workerId: "host-c" });
    await run.worker.drain();
    await run.stop();
    const coordinator = await db.prisma.user.create({ data: { email: "coord@lesm.test", role: "coordinator" } });

    const result = await resolveUncertain({
      db: db.prisma,
      messageId: ids[0]!,
      decision: "mark_sent",
      actorUserId: coordinator.id,
    });
    expect(result).toEqual({ id: ids[0], status: "sent" });
    const message = await db.prisma.emailMessage.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(message.status).toBe("sent");
    expect(message.sentAt?.getTime()).toBe(message.claimedAt?.getTime());
    const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitations[0]!.id } });
    expect(invitation.status).toBe("invited");
    const events = await db.prisma.invitationEvent.findMany({
      where: { invitationId: invitations[0]!.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorUserId])).toEqual([
      ["uncertain", null],
      ["sent", coordinator.id],
    ]);
    expect(server.countFor(invitations[0]!.email)).toBe(0);

    await expect(resolveUncertain({ db: db.prisma, messageId: ids[0]!, decision: "resend" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(resolveUncertain({ db: db.prisma, messageId: 999_999, decision: "resend" })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it("resend queues it again and the worker sends it once", async () => {
    const { invitations, ids } = await queue(1);
    await claimMessages({ db, workerId: "host-d", limit: 1, now: new Date() });
    const run = runWorker(db, server, { workerId: "host-d" });
    try {
      await run.worker.drain();
      expect(await statuses(ids)).toEqual(["uncertain"]);
      await resolveUncertain({ db: db.prisma, messageId: ids[0]!, decision: "resend" });
      await run.worker.drain();
      expect(await statuses(ids)).toEqual(["sent"]);
      expect(server.countFor(invitations[0]!.email)).toBe(1);
      const events = await db.prisma.invitationEvent.findMany({
        where: { invitationId: invitations[0]!.id },
        orderBy: { id: "asc" },
      });
      expect(events.map((e) => e.type)).toEqual(["uncertain", "requeued", "sent"]);
    } finally {
      await run.stop();
    }
  });
});
