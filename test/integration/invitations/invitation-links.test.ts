// Personal links made from a nonce and the link secret: invitations created
// idempotently, the link put into the message only at send time, never stored.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureInvitations } from "../../../src/invitations/ensure-invitations.js";
import {
  OPT_OUT_LINK_MARKER,
  SURVEY_LINK_MARKER,
  unsubscribeHeaders,
} from "../../../src/invitations/invitation-link.js";
import { enqueueMessages } from "../../../src/invitations/outbox/enqueue-messages.js";
import { seedInstrument } from "../../../src/seed/seed-instrument.js";
import { TEST_LINK_SECRET, createTestApp, type TestApp } from "../../support/app.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../support/smtp.js";
import { runWorker } from "../outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
let surveyId: number;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  surveyId = (await seedInstrument(t.db.prisma)).survey.id;
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});

let counter = 0;
async function agencies(count: number) {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    counter += 1;
    const a = await t.db.prisma.agency.create({
      data: {
        name: `Link PD ${counter}`,
        state: "OH",
        agencyType: "MUNICIPAL",
        contactEmail: `l${counter}@pd.example`,
      },
    });
    ids.push(a.id);
  }
  return ids;
}

const links = { baseUrl: "http://survey.test", secret: TEST_LINK_SECRET };

describe("invitation links", () => {
  it("creates one invitation per agency, and a second call changes nothing", async () => {
    const ids = await agencies(3);
    const first = await ensureInvitations({ db: t.db.prisma, surveyId, agencyIds: ids, linkSecret: TEST_LINK_SECRET });
    const before = await t.db.prisma.invitation.findMany({ where: { agencyId: { in: ids } }, orderBy: { id: "asc" } });
    const again = await ensureInvitations({
      db: t.db.prisma,
      surveyId,
      agencyIds: [...ids, ids[0]!],
      linkSecret: TEST_LINK_SECRET,
    });
    const after = await t.db.prisma.invitation.findMany({ where: { agencyId: { in: ids } }, orderBy: { id: "asc" } });
    expect(before).toHaveLength(3);
    expect(after).toEqual(before);
    expect([...again.entries()]).toEqual([...first.entries()]);
    expect(new Set(before.map((i) => i.linkNonce)).size).toBe(3);
    // 128 bits of randomness, base64url.
    for (const i of before) expect(i.linkNonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("puts the real link into the message at send time, and the link opens the survey", async () => {
    const [agencyId] = await agencies(1);
    const invitationId = (
      await ensureInvitations({ db: t.db.prisma, surveyId, agencyIds: [agencyId!], linkSecret: TEST_LINK_SECRET })
    ).get(agencyId!)!;
    await enqueueMessages({
      db: t.db.prisma,
      messages: [
        {
          kind: "invitation",
          to: `l${counter}@pd.example`,
          subject: "Your link",
          text: `Open ${SURVEY_LINK_MARKER} or stop: ${OPT_OUT_LINK_MARKER}`,
          html: `<a href="${SURVEY_LINK_MARKER}">Start</a> <a href="${OPT_OUT_LINK_MARKER}">Stop</a>`,
          headers: unsubscribeHeaders,
          invitationId,
        },
      ],
    });
    smtp.clear();
    const run = runWorker(t.db, smtp, { links });
    await run.worker.drain();
    await run.stop();

    const [mail] = smtp.received;
    const link = /Open (http:\/\/survey\.test\/s\/([A-Za-z0-9_-]{43})) or stop: (\S+)/.exec(mail!.text);
    expect(link, mail!.text).not.toBeNull();
    expect(link![3]).toBe(`${link![1]}/opt-out`);
    expect(mail!.html).toContain(`<a href="${link![1]}">Start</a>`);
    expect(mail!.headers["list-unsubscribe"]).toBe(`<${link![1]}/opt-out>`);
    expect(mail!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const page = await request(t.app).get(`/s/${link![2]}`);
    expect(page.status).toBe(200);

    // Nothing stored holds the link: not the message, not the invitation.
    const stored = await t.db.prisma.emailMessage.findFirstOrThrow({ where: { invitationId } });
    expect(stored.status).toBe("sent");
    expect(JSON.stringify(stored)).not.toContain(link![2]);
    const invitation = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(JSON.stringify(invitation)).not.toContain(link![2]);
  });

  it("fails a message whose invitation's link cannot be rebuilt, saying why", async () => {
    const [agencyId] = await agencies(1);
    const invitation = await t.db.prisma.invitation.create({
      data: { surveyId, agencyId: agencyId!, tokenHash: "f".repeat(64) },
    });
    await enqueueMessages({
      db: t.db.prisma,
      messages: [
        {
          kind: "reminder",
          to: `l${counter}@pd.example`,
          subject: "Reminder",
          text: `Open ${SURVEY_LINK_MARKER}`,
          invitationId: invitation.id,
        },
      ],
    });
    smtp.clear();
    const run = runWorker(t.db, smtp, { links });
    await run.worker.drain();
    await run.stop();
    expect(smtp.received).toHaveLength(0);
    const stored = await t.db.prisma.emailMessage.findFirstOrThrow({ where: { invitationId: invitation.id } });
    expect(stored.status).toBe("failed");
    expect(stored.lastError).toContain("link cannot be rebuilt");
  });
});
