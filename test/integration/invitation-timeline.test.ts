// An invitation's page: its state now and its whole timeline, events and outbox
// messages merged in time order, with who did what, everything escaped.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/invitations/outbox/enqueue-messages.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { signIn, type Agent } from "../support/session.js";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp.js";
import { createInvitedAgency, startSurvey } from "../support/survey.js";
import { runWorker } from "./outbox/worker-harness.js";

let t: TestApp;
let smtp: TestSmtpServer;
let coordinator: Agent;
let coordinatorId: number;
beforeAll(async () => {
  t = await createTestApp();
  smtp = await startTestSmtpServer();
  const user = await createUser(t.db.prisma, { role: "coordinator", name: "Casey <i>Coordinator</i>" });
  coordinatorId = user.id;
  coordinator = await signIn(t.app, user.email);
});
afterAll(async () => {
  await smtp.close();
  await t.cleanup();
});

async function sendAll() {
  const run = runWorker(t.db, smtp);
  await run.worker.drain();
  await run.stop();
}

/** The timeline table's rows as the user reads them: [what, who, details]. */
function timelineRows(html: string): string[][] {
  const table = /<table class="data-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
  return [
    ...table.matchAll(
      /<tr>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>/g,
    ),
  ].map((m) => [
    m[2]!,
    m[3]!,
    m[4]!
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  ]);
}

describe("an invitation's timeline", () => {
  it("merges queued messages, sends, a failure with the server's reply, the agency's visits and its opt-out", async () => {
    const invited = await createInvitedAgency(t.db.prisma, { name: "Gotham <script>alert(1)</script> PD" });
    const email = invited.agency.contactEmail!;
    const wave = await t.db.prisma.wave.create({
      data: {
        surveyId: invited.survey.id,
        kind: "invitation",
        name: "Spring <b>wave</b>",
        scheduledAt: new Date(),
        createdById: coordinatorId,
      },
    });
    const message = (kind: "invitation" | "reminder", waveId: number | null) => ({
      kind,
      to: email,
      subject: kind === "invitation" ? "Please take part" : "A reminder",
      text: "Please take part.",
      invitationId: invited.invitation.id,
      waveId,
    });
    await enqueueMessages({ db: t.db.prisma, messages: [message("invitation", wave.id)] });
    await sendAll();
    smtp.refuse(email, 550, { message: "5.1.1 <chief>: Recipient address rejected" });
    await enqueueMessages({ db: t.db.prisma, messages: [message("reminder", null)] });
    await sendAll();

    expect((await startSurvey(t.app, invited.token)).started.status).toBe(303);
    await request(t.app)
      .post(`/s/${invited.token}/opt-out`)
      .type("form")
      .send("List-Unsubscribe=One-Click")
      .expect(200);

    const page = await coordinator.get(`/invitations/${invited.invitation.id}`).expect(200);
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).toContain("Gotham &lt;script&gt;alert(1)&lt;/script&gt; PD");
    expect(page.text).toContain("Status now: <strong>Opted out</strong>");
    const rows = timelineRows(page.text);
    expect(rows.map((r) => r[0])).toEqual([
      "Invitation message put in the outbox",
      "Message sent",
      "Reminder message put in the outbox",
      "Delivery failed",
      "Opened the survey link",
      "Started the survey",
      "Opted out",
    ]);
    const [queued, sent, reminder, failed, opened, started, optedOut] = rows as [
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
      string[],
    ];
    expect(queued[1]).toBe("Casey &lt;i&gt;Coordinator&lt;/i&gt;");
    expect(queued[2]).toContain("Status: sent, sent");
    expect(queued[2]).toContain("Wave: Spring &lt;b&gt;wave&lt;/b&gt;");
    expect(queued[2]).toContain("Attempts: 1");
    expect(sent[1]).toBe("the mail worker");
    expect(reminder[1]).toBe("the system");
    expect(reminder[2]).toContain("Status: failed");
    expect(reminder[2]).toContain("Last error: ");
    expect(reminder[2]).toContain("Recipient address rejected");
    expect(failed[2]).toContain("550");
    expect(failed[2]).toContain("Recipient address rejected");
    expect(opened[1]).toBe("the agency");
    expect(started[1]).toBe("the agency");
    expect(optedOut[2]).toContain("one-click unsubscribe");
  });

  it("is linked from the agency's page and the agencies list, and says so when nothing happened yet", async () => {
    const invited = await createInvitedAgency(t.db.prisma, { name: "Quiet Town Marshal" });
    const href = `href="/invitations/${invited.invitation.id}"`;
    expect((await coordinator.get(`/agencies/${invited.agency.id}`).expect(200)).text).toContain(href);
    expect((await coordinator.get("/agencies?q=Quiet+Town").expect(200)).text).toContain(href);
    const page = await coordinator.get(`/invitations/${invited.invitation.id}`).expect(200);
    expect(page.text).toContain("Nothing has happened yet");
    expect(page.text).toContain("Status now: <strong>Invited</strong>");
    await coordinator.get("/invitations/999999").expect(404);
    await coordinator.get("/invitations/abc").expect(404);
  });
});
