// Queuing a wave is all or nothing: a statement that fails after the wave, its
// invitations and its messages were written leaves none of them behind, and
// the same wave then queues in full. Two coordinators queuing the same
// agencies at once queue each agency's email once.
import { describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { ensureInvitations } from "../../../src/invitations/ensure-invitations.js";
import { queueWave } from "../../../src/invitations/waves/queue-wave.js";
import type { WaveRequest } from "../../../src/invitations/waves/wave-form.js";
import { TEST_LINK_SECRET } from "../../support/app.js";
import { testProvider, useTestDatabase } from "../../support/database.js";
import { createSurveyWithAgencies } from "../outbox/fixtures.js";

let db: Database;
useTestDatabase((opened) => (db = opened));

// Refuses the timeline events of a wave named "Doomed": the second-last statement of the queuing.
const refuseEvents =
  testProvider === "sqlite"
    ? [
        `CREATE TRIGGER refuse_events BEFORE INSERT ON invitation_events WHEN NEW.detail LIKE '%"Doomed"%'
         BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      ]
    : [
        `CREATE FUNCTION refuse_events() RETURNS trigger AS $$ BEGIN
           IF NEW.detail LIKE '%"Doomed"%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER refuse_events BEFORE INSERT ON invitation_events FOR EACH ROW EXECUTE FUNCTION refuse_events()`,
      ];
const allowEvents =
  testProvider === "sqlite"
    ? ["DROP TRIGGER refuse_events"]
    : ["DROP TRIGGER refuse_events ON invitation_events", "DROP FUNCTION refuse_events()"];

const holdFirstWave = [
  `CREATE FUNCTION hold_first_wave() RETURNS trigger AS $$ BEGIN
     IF NEW.name = 'First' THEN PERFORM pg_sleep(0.5); END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  `CREATE TRIGGER hold_first_wave AFTER INSERT ON waves FOR EACH ROW EXECUTE FUNCTION hold_first_wave()`,
];
const releaseFirstWave = ["DROP TRIGGER hold_first_wave ON waves", "DROP FUNCTION hold_first_wave()"];

describe("queueWave", () => {
  it("leaves no wave, invitation, message, event or audit row when a statement fails midway", async () => {
    const { surveyId, agencies } = await createSurveyWithAgencies(db.prisma, 30);
    const ids = agencies.map((a) => a.id);
    // Half already invited: the others get their invitation inside the queuing.
    await ensureInvitations({ db: db.prisma, surveyId, agencyIds: ids.slice(0, 15), linkSecret: TEST_LINK_SECRET });
    const request: WaveRequest = {
      kind: "invitation",
      selection: { type: "picked", agencyIds: ids },
      group: "both",
      sendAt: null,
      name: "Doomed",
    };
    const counts = async () => ({
      waves: await db.prisma.wave.count({ where: { surveyId } }),
      invitations: await db.prisma.invitation.count({ where: { surveyId } }),
      messages: await db.prisma.emailMessage.count({ where: { invitation: { surveyId } } }),
      events: await db.prisma.invitationEvent.count({ where: { invitation: { surveyId } } }),
      audits: await db.prisma.auditEvent.count({ where: { action: "wave.queued" } }),
    });
    const before = await counts();
    expect(before).toMatchObject({ waves: 0, invitations: 15, messages: 0, events: 0 });

    for (const sql of refuseEvents) await db.prisma.$executeRawUnsafe(sql);
    try {
      await expect(queueWave({ db, surveyId, request, linkSecret: TEST_LINK_SECRET, userId: null })).rejects.toThrow(
        /refused/,
      );
    } finally {
      for (const sql of allowEvents) await db.prisma.$executeRawUnsafe(sql);
    }
    expect(await counts()).toEqual(before);

    const queued = await queueWave({ db, surveyId, request, linkSecret: TEST_LINK_SECRET, userId: null });
    expect(queued.ok && queued.queued).toBe(30);
    expect(await counts()).toEqual({
      waves: 1,
      invitations: 30,
      messages: 30,
      events: 30,
      audits: before.audits + 1,
    });
  });

  it("queues each agency once when the same wave is queued twice at the same moment", async () => {
    const { surveyId, agencies } = await createSurveyWithAgencies(db.prisma, 40);
    const request = (name: string): WaveRequest => ({
      kind: "invitation",
      selection: { type: "picked", agencyIds: agencies.map((a) => a.id) },
      group: "both",
      sendAt: null,
      name,
    });
    // On PostgreSQL the first queuing is held for a moment inside its
    // transaction, after it has worked out its recipients, so that the second
    // runs meanwhile. (SQLite's write lock lets one transaction in at a time.)
    if (testProvider === "postgresql") for (const sql of holdFirstWave) await db.prisma.$executeRawUnsafe(sql);
    let results: Awaited<ReturnType<typeof queueWave>>[];
    try {
      results = await Promise.all(
        ["First", "Second"].map((name) =>
          queueWave({ db, surveyId, request: request(name), linkSecret: TEST_LINK_SECRET, userId: null }),
        ),
      );
    } finally {
      if (testProvider === "postgresql") for (const sql of releaseFirstWave) await db.prisma.$executeRawUnsafe(sql);
    }
    expect(results.map((r) => (r.ok ? r.queued : 0)).sort()).toEqual([0, 40]);
    expect(await db.prisma.emailMessage.count({ where: { invitation: { surveyId } } })).toBe(40);
    expect(await db.prisma.invitation.count({ where: { surveyId } })).toBe(40);
    expect(await db.prisma.wave.count({ where: { surveyId } })).toBe(1);
  });
});
