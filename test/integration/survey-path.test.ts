// An agency's path through the survey over HTTP: start, every page, review,
// submit, thank-you; skip paths; resume; stale pages; one submission.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { csrfFrom } from "../support/session.js";
import { answerEverything, createInvitedAgency, postPage, startSurvey, submit, validForm } from "../support/survey.js";
import { lesm2016 } from "../../src/questionnaire/index.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

const section = (code: string) => lesm2016.sections.find((s) => s.code === code)!;

describe("an agency answering", () => {
  it("welcomes the agency, saying who asks, how long it takes and that answers are saved", async () => {
    const { token, agency } = await createInvitedAgency(t.db.prisma, { name: "Springfield <Police> Department" });
    const res = await request(t.app).get(`/s/${token}`).expect(200);
    expect(res.text).toContain("Springfield &lt;Police&gt; Department");
    expect(res.text).toContain("Urban Institute and the International Association of Chiefs of Police");
    expect(res.text).toContain("It takes about 15 minutes");
    expect(res.text).toContain("Your answers are saved");
    expect(res.text).toContain("reconstruction");
    const invitation = await t.db.prisma.invitation.findFirstOrThrow({
      where: { agencyId: agency.id },
      include: { events: true },
    });
    expect(invitation.status).toBe("opened");
    expect(invitation.events.map((e) => e.type)).toEqual(["opened"]);
  });

  it("goes through every part for a social-media user and submits one response", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent, visited } = await answerEverything(t.app, token, {
      USES_SOCIAL_MEDIA: "YES",
      PLATFORMS: ["FACEBOOK", "NEXTDOOR"],
    });
    expect(visited).toEqual(["AGENCY", "USE", "MANAGEMENT", "TONE", "BARRIERS", "NEEDS"]);
    const review = await agent.get(`/s/${token}/review`).expect(200);
    expect(review.text).toContain("Facebook: Several times a day");
    expect(review.text).toContain("Nextdoor: Several times a day");
    const res = await submit(agent, token);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/s/${token}/done`);
    const done = await agent.get(`/s/${token}/done`).expect(200);
    expect(done.text).toContain("<h1>Thank you</h1>");
    expect(done.text).toContain("Your answers");
    const response = await t.db.prisma.response.findUniqueOrThrow({
      where: { invitationId: invitation.id },
      include: { invitation: true },
    });
    expect(response.status).toBe("submitted");
    expect(response.invitation.status).toBe("submitted");
    const grid = await t.db.prisma.answer.findMany({
      where: { responseId: response.id, questionCode: "POSTING_FREQUENCY" },
    });
    expect(grid.map((a) => a.itemCode).sort()).toEqual(["FACEBOOK", "NEXTDOOR"]);
  });

  it("tells screen readers which parts are done, not only with a checkmark", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await answerEverything(t.app, token, { USES_SOCIAL_MEDIA: "YES", PLATFORMS: ["FACEBOOK"] });
    const page = await agent.get(`/s/${token}/p/USE`).expect(200);
    const steps = /<ol class="progress-steps">([\s\S]*?)<\/ol>/.exec(page.text)![1]!;
    expect(steps).toMatch(/is-done"[^>]*>[^<]*<span class="visually-hidden"> \(done\)<\/span><\/li>/);
    expect(steps.match(/\(done\)/g)).toHaveLength(1);
    expect(steps).toMatch(/aria-current="step">[^<]*<\/li>/);
  });

  it("shows a multi-line answer again exactly as it was typed", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const comments = "First line\nSecond line\n  indented third";
    const { agent } = await answerEverything(t.app, token, { USES_SOCIAL_MEDIA: "NO", COMMENTS: comments });
    const sectionCode = lesm2016.sections.find((s) => s.questions.some((q) => q.code === "COMMENTS"))!.code;
    const page = await agent.get(`/s/${token}/p/${sectionCode}`).expect(200);
    expect(page.text).toContain(`>${comments}</textarea>`);
  });

  it("shows each agency its own answers, and a changed answer at once, though question markup is reused", async () => {
    const start = async () => {
      const { token } = await createInvitedAgency(t.db.prisma);
      const { agent } = await startSurvey(t.app, token);
      return { token, agent };
    };
    const ohio = await start();
    const texas = await start();
    const save = (a: typeof ohio, state: string, officers: string) =>
      postPage(a.agent, a.token, "AGENCY", { q_STATE: state, q_SWORN_OFFICERS: officers }, "save");
    const shown = async (a: typeof ohio) => {
      const page = (await a.agent.get(`/s/${a.token}/p/AGENCY`).expect(200)).text;
      return {
        states: [...page.matchAll(/<option value="([A-Z]{2})" selected>/g)].map((m) => m[1]),
        officers: /id="q_SWORN_OFFICERS"[^>]*value="([^"]*)"/.exec(page)?.[1],
      };
    };
    expect((await save(ohio, "OH", "42")).status).toBe(303);
    expect((await save(texas, "TX", "7")).status).toBe(303);
    expect(await shown(ohio)).toEqual({ states: ["OH"], officers: "42" });
    expect(await shown(texas)).toEqual({ states: ["TX"], officers: "7" });
    expect((await save(ohio, "TX", "7")).status).toBe(303);
    expect(await shown(ohio)).toEqual({ states: ["TX"], officers: "7" });
    expect((await save(ohio, "OH", "42")).status).toBe(303);
    expect(await shown(ohio)).toEqual({ states: ["OH"], officers: "42" });
  });

  it("without the script, offers a posting-frequency row per platform and saves platforms and rows in one go", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    await postPage(agent, token, "AGENCY", validForm(section("AGENCY"), {}, { USES_SOCIAL_MEDIA: "YES" }).form);
    const page = (await agent.get(`/s/${token}/p/USE`).expect(200)).text;
    const rows = [...page.matchAll(/<fieldset class="grid-row" data-show-if="([^"]+)">\s*<legend>([^<]+)</g)];
    expect(rows.map((m) => m[2])).toEqual([
      "Facebook",
      "Twitter (now X)",
      "YouTube",
      "Instagram",
      "Nextdoor",
      "Nixle",
      "LinkedIn",
      "Snapchat",
      "Another platform",
    ]);
    expect(rows[0]![1]!.replaceAll("&quot;", '"')).toBe('{"question":"PLATFORMS","includes":"FACEBOOK"}');
    expect(page).toContain("Answer only the rows of what you ticked above: the others are not saved.");
    const res = await postPage(agent, token, "USE", {
      q_YEAR_STARTED: "2012",
      q_PLATFORMS: ["FACEBOOK", "NIXLE"],
      q_PURPOSES: ["COMMUNITY_OUTREACH"],
      q_EVIDENCE_REQUEST: "YES",
      q_POSTING_FREQUENCY__FACEBOOK: "DAILY",
      q_POSTING_FREQUENCY__NIXLE: "WEEKLY",
      // a row of a platform not ticked: ignored, not an error
      q_POSTING_FREQUENCY__YOUTUBE: "DAILY",
    });
    expect(res.status, res.text.slice(0, 2000)).toBe(303);
    expect(res.headers.location).toBe(`/s/${token}/p/MANAGEMENT`);
    const response = await t.db.prisma.response.findUniqueOrThrow({ where: { invitationId: invitation.id } });
    const grid = await t.db.prisma.answer.findMany({
      where: { responseId: response.id, questionCode: "POSTING_FREQUENCY" },
      orderBy: { itemCode: "asc" },
    });
    expect(grid.map((a) => [a.itemCode, a.valueCode])).toEqual([
      ["FACEBOOK", "DAILY"],
      ["NIXLE", "WEEKLY"],
    ]);
  });

  it("sends a non-user from the first part straight to barriers and needs", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { visited } = await answerEverything(t.app, token, { USES_SOCIAL_MEDIA: "NO" });
    expect(visited).toEqual(["AGENCY", "BARRIERS", "NEEDS"]);
  });

  it("keeps answers made irrelevant by a changed screener out of the submitted response", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent } = await answerEverything(t.app, token, { USES_SOCIAL_MEDIA: "YES" });
    const agencyForm = validForm(section("AGENCY"), {}, { USES_SOCIAL_MEDIA: "NO" }).form;
    expect((await postPage(agent, token, "AGENCY", agencyForm)).status).toBe(303);
    expect((await submit(agent, token)).headers.location).toBe(`/s/${token}/done`);
    const response = await t.db.prisma.response.findUniqueOrThrow({ where: { invitationId: invitation.id } });
    const codes = new Set(
      (await t.db.prisma.answer.findMany({ where: { responseId: response.id } })).map((a) => a.questionCode),
    );
    expect(codes.has("PLATFORMS")).toBe(false);
    expect(codes.has("TONE")).toBe(false);
    expect(codes.has("NONUSER_REASONS")).toBe(true);
  });

  it("shows errors next to the fields, linked from a summary, keeping what was typed", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    const res = await postPage(agent, token, "AGENCY", { q_STATE: "OH", q_SWORN_OFFICERS: "forty-two" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("<title>Error: Your agency");
    expect(res.text).toMatch(/<a href="#q_SWORN_OFFICERS">[^<]+<\/a>/);
    expect(res.text).toMatch(/<a href="#q_AGENCY_TYPE">[^<]+<\/a>/);
    expect(res.text).toContain('value="forty-two"');
    const input = /<input[^>]*id="q_SWORN_OFFICERS"[^>]*>/.exec(res.text)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="[^"]*q_SWORN_OFFICERS-error"/);
    expect(res.text).toMatch(/<p class="error-message" id="q_SWORN_OFFICERS-error">/);
    expect(res.text).toMatch(/<option value="OH" selected>Ohio<\/option>/);
  });

  it("saves on 'save and finish later' and resumes in another browser at the first unfinished part", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent: first } = await startSurvey(t.app, token);
    const agencyForm = validForm(section("AGENCY"), {}, { USES_SOCIAL_MEDIA: "YES" });
    expect((await postPage(first, token, "AGENCY", agencyForm.form)).headers.location).toBe(`/s/${token}/p/USE`);
    const partial = await postPage(first, token, "USE", { q_YEAR_STARTED: "2009" }, "save");
    expect(partial.headers.location).toBe(`/s/${token}/saved`);
    const stored = await t.db.prisma.answer.findFirst({
      where: { response: { invitationId: invitation.id }, questionCode: "YEAR_STARTED" },
    });
    expect(stored?.valueNumber).toBe(2009);

    const second = request.agent(t.app);
    const again = await second.get(`/s/${token}`).expect(200);
    expect(again.text).toContain("Continue where you left off");
    const resume = await second
      .post(`/s/${token}/start`)
      .type("form")
      .send({ _csrf: csrfFrom(again.text) });
    expect(resume.headers.location).toBe(`/s/${token}/p/USE`);
    const page = await second.get(`/s/${token}/p/USE`);
    expect(page.text).toContain('value="2009"');
  });

  it("detects a page changed in another tab and loses neither side's answers", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    const tabA = await agent.get(`/s/${token}/p/AGENCY`);
    const tabB = await agent.get(`/s/${token}/p/AGENCY`);
    const send = (page: string, sworn: string) =>
      agent
        .post(`/s/${token}/p/AGENCY`)
        .type("form")
        .send({
          ...validForm(section("AGENCY"), {}, { SWORN_OFFICERS: sworn }).form,
          _csrf: csrfFrom(page),
          _baseline: /name="_baseline" value="([^"]+)"/.exec(page)![1],
          _action: "save",
        });
    expect((await send(tabA.text, "10")).status).toBe(303);
    const stale = await send(tabB.text, "20");
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("This page was changed somewhere else");
    expect(stale.text).toContain('value="20"');
    const sworn = () =>
      t.db.prisma.answer.findFirst({
        where: { response: { invitationId: invitation.id }, questionCode: "SWORN_OFFICERS" },
      });
    expect((await sworn())?.valueNumber).toBe(10);
    // Saving again from the conflict page, knowingly, keeps the second tab's answer.
    expect((await send(stale.text, "20")).status).toBe(303);
    expect((await sworn())?.valueNumber).toBe(20);
  });

  it("submits once however often the button is pressed, and is read-only afterwards", async () => {
    const { token, invitation } = await createInvitedAgency(t.db.prisma);
    const { agent } = await answerEverything(t.app, token);
    const review = await agent.get(`/s/${token}/review`);
    const csrf = csrfFrom(review.text);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => agent.post(`/s/${token}/submit`).type("form").send({ _csrf: csrf })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(303));
    expect(await t.db.prisma.response.count({ where: { invitationId: invitation.id } })).toBe(1);
    expect(await t.db.prisma.invitationEvent.count({ where: { invitationId: invitation.id, type: "submitted" } })).toBe(
      1,
    );
    expect((await agent.get(`/s/${token}/p/AGENCY`)).headers.location).toBe(`/s/${token}/done`);
    const late = await agent.post(`/s/${token}/p/AGENCY`).type("form").send({ _csrf: csrf, q_SWORN_OFFICERS: "1" });
    expect(late.status).toBe(409);
    expect(late.text).toContain("already been submitted");
  });

  it("refuses to submit an incomplete response, linking to what is missing", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    await postPage(agent, token, "AGENCY", { q_STATE: "OH" }, "save");
    const res = await (async () => {
      const review = await agent.get(`/s/${token}/review`);
      return agent
        .post(`/s/${token}/submit`)
        .type("form")
        .send({ _csrf: csrfFrom(review.text) });
    })();
    expect(res.status).toBe(400);
    expect(res.text).toContain("There is a problem");
    expect(res.text).toMatch(/<a href="#AGENCY-AGENCY_TYPE">/);
  });

  it("answers a forged link with 404 and a closed survey with 410", async () => {
    await request(t.app)
      .get(`/s/${"Z".repeat(43)}`)
      .expect(404);
    await request(t.app).get("/s/short").expect(404);
    const closed = await createInvitedAgency(t.db.prisma);
    await t.db.prisma.survey.update({ where: { id: closed.survey.id }, data: { status: "closed" } });
    const res = await request(t.app).get(`/s/${closed.token}`).expect(410);
    expect(res.text).toContain("This survey has closed");
    await t.db.prisma.survey.update({ where: { id: closed.survey.id }, data: { status: "open" } });
  });

  it("locks out an address that tries many links that do not exist, but not an agency's own mistakes", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const { agent } = await startSurvey(t.app, token);
    for (let i = 0; i < 25; i++)
      expect((await postPage(agent, token, "AGENCY", { q_SWORN_OFFICERS: "lots" })).status).toBe(400);
    const guesses: number[] = [];
    for (let i = 0; i < 22; i++) guesses.push((await agent.get(`/s/${String(i).padStart(43, "Q")}`)).status);
    // Earlier tests in this file spent a few unknown links from the same address already.
    const firstRefusal = guesses.indexOf(429);
    expect(firstRefusal).toBeGreaterThan(10);
    expect(guesses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
    expect(guesses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    const locked = await agent.get(`/s/${token}`);
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/please wait 1[0-9] minutes/);
  });
});
