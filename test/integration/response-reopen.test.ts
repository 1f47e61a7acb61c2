// A coordinator reopens a submitted response; the agency corrects it through
// its same link and submits again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn, type Agent } from "../support/session.js";
import { lesm2016 } from "../../src/questionnaire/index.js";
import { answerEverything, createInvitedAgency, postPage, submit, validForm } from "../support/survey.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

async function submittedAgency() {
  const { token, invitation } = await createInvitedAgency(t.db.prisma);
  const { agent } = await answerEverything(t.app, token, { USES_SOCIAL_MEDIA: "NO" });
  expect((await submit(agent, token)).status).toBe(303);
  return { token, invitationId: invitation.id, agencyAgent: agent };
}

/** Posts the invitation page's reopen form. */
function reopen(staff: Agent, invitationId: number, csrf: string, reason: string) {
  return staff.post(`/invitations/${invitationId}/reopen`).type("form").send({ _csrf: csrf, reason });
}

async function coordinator() {
  const user = await createUser(t.db.prisma, { role: "coordinator", name: "Casey Coordinator" });
  return signIn(t.app, user.email);
}

describe("reopening a submitted response", () => {
  it("lets the agency change its answers and submit again, and says who reopened it and why", async () => {
    const { token, invitationId, agencyAgent } = await submittedAgency();
    expect((await agencyAgent.get(`/s/${token}/p/AGENCY`)).headers.location).toBe(`/s/${token}/done`);

    const staff = await coordinator();
    const page = await staff.get(`/invitations/${invitationId}`).expect(200);
    expect(page.text).toContain("Reopen the response");
    const reopened = await reopen(staff, invitationId, csrfFrom(page.text), "The agency typed 420 officers, it has 42");
    expect(reopened.status).toBe(303);
    const after = await staff.get(String(reopened.headers.location)).expect(200);
    expect(after.text).toContain("The response is reopened");
    expect(after.text).toContain("Response reopened");
    expect(after.text).toContain("The agency typed 420 officers, it has 42");
    expect(after.text).toContain("Casey Coordinator");
    expect(after.text).toContain("<strong>Started</strong>");
    expect(after.text).not.toContain('action="/invitations/');

    const response = await t.db.prisma.response.findUniqueOrThrow({ where: { invitationId } });
    expect(response).toMatchObject({ status: "in_progress", submittedAt: null });
    expect(response.reopenedAt).toBeInstanceOf(Date);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "response.reopened", targetId: String(invitationId) },
    });
    expect(JSON.parse(audit.detail)).toEqual({ reason: "The agency typed 420 officers, it has 42" });

    // The agency's link opens the pages again, its answers kept; it corrects one and submits once more.
    const form = await agencyAgent.get(`/s/${token}/p/AGENCY`).expect(200);
    expect(form.text).toContain('value="42"');
    const agencySection = lesm2016.sections.find((s) => s.code === "AGENCY")!;
    const saved = await postPage(
      agencyAgent,
      token,
      "AGENCY",
      validForm(agencySection, {}, { USES_SOCIAL_MEDIA: "NO", SWORN_OFFICERS: "43" }).form,
      "save",
    );
    expect(saved.status).toBe(303);
    expect((await submit(agencyAgent, token)).status).toBe(303);
    const again = await t.db.prisma.response.findMany({ where: { invitationId }, include: { answers: true } });
    expect(again).toHaveLength(1);
    expect(again[0]!.status).toBe("submitted");
    expect(again[0]!.answers.find((a) => a.questionCode === "SWORN_OFFICERS")?.valueNumber).toBe(43);
  });

  it("asks for a reason, keeping the page as it was, and reopens only what is submitted", async () => {
    const { invitationId } = await submittedAgency();
    const staff = await coordinator();
    const page = await staff.get(`/invitations/${invitationId}`).expect(200);
    const csrf = csrfFrom(page.text);
    const refused = await reopen(staff, invitationId, csrf, "   ").expect(400);
    expect(refused.text).toContain("Say why it is reopened");
    expect(refused.text).toContain('href="#reason"');
    const tooLong = await reopen(staff, invitationId, csrf, "x".repeat(501)).expect(400);
    expect(tooLong.text).toContain("x".repeat(501));
    expect((await t.db.prisma.response.findUniqueOrThrow({ where: { invitationId } })).status).toBe("submitted");

    await reopen(staff, invitationId, csrf, "fix").expect(303);
    const twice = await reopen(staff, invitationId, csrf, "fix").expect(409);
    expect(twice.text).toContain("This response is not submitted");
    expect(await t.db.prisma.invitationEvent.count({ where: { invitationId, type: "reopened" } })).toBe(1);
  });

  it("refuses in a closed survey, where the agency could not change anything", async () => {
    const { invitationId } = await submittedAgency();
    const invitation = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    const staff = await coordinator();
    const page = await staff.get(`/invitations/${invitationId}`).expect(200);
    await t.db.prisma.survey.update({ where: { id: invitation.surveyId }, data: { status: "closed" } });
    try {
      const closedPage = await staff.get(`/invitations/${invitationId}`).expect(200);
      expect(closedPage.text).toContain("The survey has closed, so this submitted response can no longer be reopened.");
      expect(closedPage.text).not.toContain("Reopen the response");
      // A form opened before the survey closed is still refused.
      const res = await reopen(staff, invitationId, csrfFrom(page.text), "too late").expect(409);
      expect(res.text).toContain("The survey has closed");
      expect((await t.db.prisma.response.findUniqueOrThrow({ where: { invitationId } })).status).toBe("submitted");
    } finally {
      await t.db.prisma.survey.update({ where: { id: invitation.surveyId }, data: { status: "open" } });
    }
  });

  it("is not for researchers", async () => {
    const { invitationId } = await submittedAgency();
    const user = await createUser(t.db.prisma, { role: "researcher" });
    const researcher = await signIn(t.app, user.email);
    const csrf = csrfFrom((await researcher.get("/staff")).text);
    await reopen(researcher, invitationId, csrf, "x").expect(403);
  });
});
