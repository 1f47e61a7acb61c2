// The whole survey in real Chromium with the keyboard alone (Tab, Shift+Tab,
// arrows, Space, Enter, typing), as a social-media user and as a non-user,
// with JavaScript on; the focus must stay visible on the way.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lesm2016 } from "../../src/questionnaire/index.js";
import { loadAnswers } from "../../src/survey/load-answers.js";
import {
  expectFocusVisible,
  focused,
  hasChromium,
  pressButton,
  pressForNewPage,
  pressOn,
  sectionOf,
  startBrowserHarness,
  tabTo,
  tabToControl,
  typeInto,
  type BrowserHarness,
} from "../support/browser.js";
import { createInvitedAgency } from "../support/survey.js";

async function startSurvey(page: Page, baseUrl: string, token: string) {
  await page.goto(`${baseUrl}/s/${token}`);
  await tabToControl(page, "Start the survey");
  await expectFocusVisible(page);
  await pressForNewPage(page);
  expect(sectionOf(page)).toBe("AGENCY");
}

/** The first part up to the screener: from the page start through the skip link, as a keyboard user begins. */
async function answerAgencyFacts(page: Page) {
  await page.keyboard.press("Tab");
  expect((await focused(page)).text).toBe("Skip to main content");
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  // A closed select takes type-ahead: typing the name picks the state.
  await tabTo(page, "q_STATE");
  await expectFocusVisible(page);
  await page.keyboard.type("Ohio");
  expect((await focused(page)).value).toBe("OH");
  await pressOn(page, "q_AGENCY_TYPE", "Space");
  await expectFocusVisible(page);
  await typeInto(page, "q_SWORN_OFFICERS", "42");
  await expectFocusVisible(page);
  await typeInto(page, "q_POPULATION_SERVED", "55000");
  await pressOn(page, "q_RESPONDENT_ROLE", "ArrowDown", "ArrowDown");
  expect((await focused(page)).id).toBe("q_RESPONDENT_ROLE--PIO");
}

let h: BrowserHarness;

describe.skipIf(!hasChromium)("the survey with a keyboard only (Chromium)", () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("takes a social-media user through every part to the thank-you page", async () => {
    const { token, invitation } = await createInvitedAgency(h.db.prisma);
    const { page } = await h.open();
    await startSurvey(page, h.baseUrl, token);

    await answerAgencyFacts(page);
    await pressOn(page, "q_USES_SOCIAL_MEDIA", "Space");
    expect(await page.locator("#question-NONUSER_REASONS").isHidden()).toBe(true);
    await pressButton(page, "Save and continue");

    expect(sectionOf(page)).toBe("USE");
    await typeInto(page, "q_YEAR_STARTED", "2011");
    expect(await page.locator("#q_POSTING_FREQUENCY__FACEBOOK").isHidden()).toBe(true);
    await pressOn(page, "q_PLATFORMS", "Space");
    await expectFocusVisible(page);
    await pressOn(page, "q_PLATFORMS--NEXTDOOR", "Space");
    // Each platform ticked brings its row of the posting-frequency grid at once; the others stay hidden.
    expect(await page.locator("#q_POSTING_FREQUENCY__FACEBOOK").isVisible()).toBe(true);
    expect(await page.locator("#q_POSTING_FREQUENCY__NEXTDOOR").isVisible()).toBe(true);
    expect(await page.locator("#q_POSTING_FREQUENCY__YOUTUBE").isHidden()).toBe(true);
    await pressOn(page, "q_POSTING_FREQUENCY__FACEBOOK", "Space");
    await pressOn(page, "q_PURPOSES", "Space");
    await pressOn(page, "q_PURPOSES--COMMUNITY_OUTREACH", "Space");
    await pressOn(page, "q_EVIDENCE_REQUEST", "ArrowDown");
    await pressButton(page, "Save and continue");
    // A row left unanswered: the page comes back with the focus on its summary
    // of what is missing, each problem a link to its field.
    expect(sectionOf(page)).toBe("USE");
    expect((await focused(page)).text).toMatch(/^There is a problem/);
    await page.keyboard.press("Tab");
    const link = await focused(page);
    expect(link.tag).toBe("a");
    await expectFocusVisible(page);
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("q_POSTING_FREQUENCY__NEXTDOOR");
    await page.keyboard.press("ArrowRight");
    await pressButton(page, "Save and continue");

    expect(sectionOf(page)).toBe("MANAGEMENT");
    await pressOn(page, "q_MANAGED_BY", "Space");
    await typeInto(page, "q_STAFF_HOURS", "12.5");
    await pressOn(page, "q_WRITTEN_POLICY", "Space");
    await pressOn(page, "q_POST_APPROVAL", "Space");
    await pressOn(page, "q_MEASURES_IMPACT", "Space");
    await pressOn(page, "q_IMPACT_METHODS", "Space");
    await pressOn(page, "q_TRAINING", "ArrowDown", "ArrowDown");
    await pressButton(page, "Save and continue");

    expect(sectionOf(page)).toBe("TONE");
    await pressOn(page, "q_TONE", "ArrowDown", "ArrowDown");
    await pressOn(page, "q_TONE_VARIES", "Space");
    await pressOn(page, "q_HUMOR", "ArrowDown");
    await pressOn(page, "q_RESPONDS_TO_COMMENTS", "Space");
    await pressButton(page, "Save and continue");

    expect(sectionOf(page)).toBe("BARRIERS");
    const barriers = lesm2016.sections.find((s) => s.code === "BARRIERS")!.questions[0]!;
    for (const row of barriers.type === "grid" ? (barriers.rows ?? []) : []) {
      await pressOn(page, `q_BARRIERS__${row.code}`, row.code === "STAFF_TIME" ? "ArrowRight" : "Space");
    }
    await typeInto(page, "q_BARRIER_OTHER", "Turnover in the communications unit");
    await pressButton(page, "Save and continue");

    expect(sectionOf(page)).toBe("NEEDS");
    await pressOn(page, "q_NEEDS", "Space");
    await pressOn(page, "q_NEEDS--TRAINING", "Space");
    // "None of these" clears the others, and going back (Shift+Tab) to one of them clears "None".
    await pressOn(page, "q_NEEDS--NONE", "Space");
    expect(await page.locator("#q_NEEDS").isChecked()).toBe(false);
    await tabTo(page, "q_NEEDS", { back: true });
    await page.keyboard.press("Space");
    expect(await page.locator("#q_NEEDS--NONE").isChecked()).toBe(false);
    await pressOn(page, "q_NEEDS--MODEL_POLICIES", "Space");
    await typeInto(page, "q_COMMENTS", "Thank you for asking.");
    await pressButton(page, "Review your answers");

    expect(sectionOf(page)).toBe(`/s/${token}/review`);
    const review = await page.locator("main").innerText();
    expect(review).toContain("Ohio");
    expect(review).toContain("Facebook: Several times a day");
    expect(review).toContain("Nextdoor: Daily");
    await tabToControl(page, "Submit the survey");
    await expectFocusVisible(page);
    await pressForNewPage(page);

    expect(sectionOf(page)).toBe(`/s/${token}/done`);
    expect(await page.locator("h1").textContent()).toBe("Thank you");
    const responses = await h.db.prisma.response.findMany({ where: { invitationId: invitation.id } });
    expect(responses.map((r) => r.status)).toEqual(["submitted"]);
    const answers = await loadAnswers(h.db.prisma, responses[0]!.id, lesm2016);
    expect(answers.STATE).toEqual({ type: "single", code: "OH" });
    expect(answers.RESPONDENT_ROLE).toEqual({ type: "single", code: "PIO" });
    expect(answers.SWORN_OFFICERS).toEqual({ type: "number", value: 42 });
    expect(answers.TONE).toEqual({ type: "single", code: "BALANCED" });
    expect(answers.NEEDS).toEqual({ type: "multiple", codes: ["RESEARCH", "MODEL_POLICIES"] });
    expect(answers.POSTING_FREQUENCY).toEqual({ type: "grid", rows: { FACEBOOK: "SEVERAL_A_DAY", NEXTDOOR: "DAILY" } });
  }, 60_000);

  it("takes an agency without social media from the screener straight to barriers and needs", async () => {
    const { token, invitation } = await createInvitedAgency(h.db.prisma);
    const { page } = await h.open();
    await startSurvey(page, h.baseUrl, token);
    const visited = [sectionOf(page)];

    await answerAgencyFacts(page);
    await pressOn(page, "q_USES_SOCIAL_MEDIA", "ArrowDown");
    expect((await focused(page)).id).toBe("q_USES_SOCIAL_MEDIA--NO");
    await pressOn(page, "q_NONUSER_REASONS", "Space");
    await pressOn(page, "q_NONUSER_PLANS", "ArrowDown", "ArrowDown");
    await pressButton(page, "Save and continue");

    visited.push(sectionOf(page));
    expect(await page.locator(".progress-text").textContent()).toBe("Part 2 of 3");
    for (const row of ["NEW_TRENDS", "MEASURING_IMPACT", "TRAINING_PERSONNEL", "STAFF_TIME", "RESOURCES"]) {
      await pressOn(page, `q_BARRIERS__${row}`, "Space");
    }
    for (const row of ["SECURITY", "LEGAL", "PUBLIC_CRITICISM", "LEADERSHIP_SUPPORT"]) {
      await pressOn(page, `q_BARRIERS__${row}`, "ArrowRight", "ArrowRight");
    }
    await pressButton(page, "Save and continue");

    visited.push(sectionOf(page));
    await pressOn(page, "q_NEEDS--NONE", "Space");
    await expectFocusVisible(page);
    await pressButton(page, "Review your answers");
    expect(visited).toEqual(["AGENCY", "BARRIERS", "NEEDS"]);

    await tabToControl(page, "Submit the survey");
    await pressForNewPage(page);
    expect(await page.locator("h1").textContent()).toBe("Thank you");
    const responses = await h.db.prisma.response.findMany({ where: { invitationId: invitation.id } });
    expect(responses.map((r) => r.status)).toEqual(["submitted"]);
    const answers = await loadAnswers(h.db.prisma, responses[0]!.id, lesm2016);
    expect(answers.USES_SOCIAL_MEDIA).toEqual({ type: "single", code: "NO" });
    expect(answers.NONUSER_PLANS).toEqual({ type: "single", code: "UNDECIDED" });
    expect(answers.PLATFORMS).toBeUndefined();
    expect(answers.NEEDS).toEqual({ type: "multiple", codes: ["NONE"] });
  }, 60_000);
});
