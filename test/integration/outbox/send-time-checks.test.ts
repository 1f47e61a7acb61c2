import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import type { TestSmtpServer } from "../../support/smtp.js";
import { createSurveyWithInvitations, messageFor, type FixtureInvitation, useOutboxTestbed } from "./fixtures.js";
import { runWorker } from "./worker-harness.js";

const bed = useOutboxTestbed();
let db: Database;
let server: TestSmtpServer;
beforeAll(() => ({ db, server } = bed));

describe("at send time, the worker checks the invitation again", () => {
  it("and skips what the agency should no longer get, saying why", async () => {
    const { waveId, invitations } = await createSurveyWithInvitations(db.prisma, 5, { kind: "reminder" });
    const [submitted, optedOut, doNotContact, stillOpen, thanked] = [0, 1, 2, 3, 4].map((i) => invitations[i]!) as [
      FixtureInvitation,
      FixtureInvitation,
      FixtureInvitation,
      FixtureInvitation,
      FixtureInvitation,
    ];
    // Queued while everyone was still to be reminded...
    await enqueueMessages({
      db: db.prisma,
      messages: [
        ...[submitted, optedOut, doNotContact, stillOpen].map((i) => messageFor(i, waveId, { kind: "reminder" })),
        messageFor(thanked, null, { kind: "thank_you", subject: "Thank you" }),
      ],
    });
    // ...then, before the worker got to them:
    const now = new Date();
    await db.prisma.invitation.update({ where: { id: submitted.id }, data: { status: "submitted", submittedAt: now } });
    await db.prisma.invitation.update({ where: { id: optedOut.id }, data: { status: "opted_out", optedOutAt: now } });
    await db.prisma.agency.update({
      where: { id: doNotContact.agencyId },
      data: { doNotContact: true, doNotContactReason: "Chief asked not to be surveyed" },
    });
    await db.prisma.invitation.update({ where: { id: thanked.id }, data: { status: "submitted", submittedAt: now } });

    const run = runWorker(db, server);
    await run.worker.drain();
    await run.stop();

    expect(server.received.map((m) => m.envelope.to[0]).sort()).toEqual([stillOpen.email, thanked.email].sort());
    const statusOf = async (invitationId: number) =>
      db.prisma.emailMessage.findFirstOrThrow({ where: { invitationId }, select: { status: true, lastError: true } });
    expect(await statusOf(submitted.id)).toEqual({
      status: "skipped",
      lastError: "the agency already submitted its response",
    });
    expect(await statusOf(optedOut.id)).toEqual({ status: "skipped", lastError: "the agency opted out" });
    expect(await statusOf(doNotContact.id)).toEqual({
      status: "skipped",
      lastError: "the agency is marked do not contact",
    });
    expect((await statusOf(stillOpen.id)).status).toBe("sent");
    expect((await statusOf(thanked.id)).status).toBe("sent");

    const events = await db.prisma.invitationEvent.findMany({ where: { invitationId: submitted.id } });
    expect(events.map((e) => [e.type, e.detail])).toEqual([
      ["skipped", expect.stringContaining("not sent, the agency already submitted its response")],
    ]);
    // A skipped reminder is not a reminder.
    const after = await db.prisma.invitation.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(after.reminderCount).toBe(0);
  });
});
