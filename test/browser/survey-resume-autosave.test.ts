// What the browser adds to the plain forms, and what a second device sees:
// resuming from another context, questions that wait for the answer they
// depend on, and the autosave (including a page sent while one is on its way).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/auth/tokens.js";
import { lesm2016 } from "../../src/questionnaire/index.js";
import { loadAnswers } from "../../src/survey/load-answers.js";
import {
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
import { answerEverything, createInvitedAgency } from "../support/survey.js";

let h: BrowserHarness;

async function startSurvey(page: Page, token: string) {
  await page.goto(`${h.baseUrl}/s/${token}`);
  await pressButton(page, "Start the survey");
  expect(sectionOf(page)).toBe("AGENCY");
}

/** The first part, as a user of social media, from the keyboard. */
async function answerAgency(page: Page) {
  await tabTo(page, "q_STATE");
  await page.keyboard.type("Texas");
  await pressOn(page, "q_AGENCY_TYPE", "ArrowDown");
  await typeInto(page, "q_SWORN_OFFICERS", "120");
  await pressOn(page, "q_RESPONDENT_ROLE", "Space");
  await pressOn(page, "q_USES_SOCIAL_MEDIA", "Space");
  await pressButton(page, "Save and continue");
}

async function savedAnswers(token: string) {
  const invitation = await h.db.prisma.invitation.findUniqueOrThrow({
    where: { tokenHash: hashToken(token) },
    include: { response: true },
  });
  return loadAnswers(h.db.prisma, invitation.response!.id, lesm2016);
}

const shown = (page: Page, code: string) => page.locator(`#question-${code}`).isVisible();

describe.skipIf(!hasChromium)("the survey's scripts and sittings (Chromium)", () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("resumes in another browser on the first unfinished page, with the saved answers", async () => {
    const { token } = await createInvitedAgency(h.db.prisma);
    const a = await h.open();
    await startSurvey(a.page, token);
    await answerAgency(a.page);
    expect(sectionOf(a.page)).toBe("USE");
    await typeInto(a.page, "q_YEAR_STARTED", "2012");
    await pressOn(a.page, "q_PLATFORMS--YOUTUBE", "Space");
    await pressButton(a.page, "Save and finish later");
    expect(await a.page.locator("h1").textContent()).toBe("Your answers are saved");

    // Another device: its own cookies, nothing in common with the first but the link.
    const b = await h.open();
    await b.page.goto(`${h.baseUrl}/s/${token}`);
    await pressButton(b.page, "Continue where you left off");
    expect(sectionOf(b.page)).toBe("USE");
    expect(await b.page.locator("#q_YEAR_STARTED").inputValue()).toBe("2012");
    expect(await b.page.locator("#q_PLATFORMS--YOUTUBE").isChecked()).toBe(true);
    expect(await b.page.locator("#q_PLATFORMS").isChecked()).toBe(false);
    // The saved platform's row of the posting-frequency grid shows; the others stay hidden.
    expect(await b.page.locator("#q_POSTING_FREQUENCY__YOUTUBE").isVisible()).toBe(true);
    expect(await b.page.locator("#q_POSTING_FREQUENCY__FACEBOOK").isHidden()).toBe(true);
    await pressButton(b.page, "Save and go back");
    expect(sectionOf(b.page)).toBe("AGENCY");
    expect(await b.page.locator("#q_STATE").inputValue()).toBe("TX");
    expect(await b.page.locator("#q_SWORN_OFFICERS").inputValue()).toBe("120");
  }, 60_000);

  it("hides a question until the answer it depends on is given, and takes it out of the Tab order", async () => {
    const { token } = await createInvitedAgency(h.db.prisma);
    const { page } = await h.open();
    await startSurvey(page, token);
    expect(await shown(page, "NONUSER_REASONS")).toBe(false);
    expect(await shown(page, "NONUSER_PLANS")).toBe(false);

    await pressOn(page, "q_USES_SOCIAL_MEDIA", "Space");
    expect(await shown(page, "NONUSER_REASONS")).toBe(false);
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).id).toBe("q_USES_SOCIAL_MEDIA--NO");
    expect(await shown(page, "NONUSER_REASONS")).toBe(true);
    expect(await shown(page, "NONUSER_PLANS")).toBe(true);
    // The note saying when to answer is for pages without the script.
    expect(await page.locator("#question-NONUSER_REASONS .condition-note").isVisible()).toBe(false);
    await page.keyboard.press("Tab");
    expect((await focused(page)).id).toBe("q_NONUSER_REASONS");

    await pressOn(page, "q_USES_SOCIAL_MEDIA--NO", "ArrowUp");
    expect(await shown(page, "NONUSER_REASONS")).toBe(false);
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Save and continue");
  }, 60_000);

  it("saves an answer by itself a moment after it is given", async () => {
    const { token } = await createInvitedAgency(h.db.prisma);
    const { page } = await h.open();
    await startSurvey(page, token);
    await answerAgency(page);
    await typeInto(page, "q_YEAR_STARTED", "2009");
    await page.locator(".autosave-status", { hasText: "Saved" }).waitFor({ timeout: 10_000 });
    expect((await savedAnswers(token)).YEAR_STARTED).toEqual({ type: "number", value: 2009 });

    await pressOn(page, "q_PLATFORMS--NIXLE", "Space");
    await page.locator(".autosave-status", { hasText: "Saved" }).waitFor();
    await expect
      .poll(async () => (await savedAnswers(token)).PLATFORMS)
      .toEqual({ type: "multiple", codes: ["NIXLE"] });
  }, 60_000);

  it("sends a page pressed while its autosave is still on the way, without calling it stale", async () => {
    const { token } = await createInvitedAgency(h.db.prisma);
    await answerEverything(h.app, token, { USES_SOCIAL_MEDIA: "YES" });
    const { page } = await h.open();
    await page.goto(`${h.baseUrl}/s/${token}/p/TONE`);
    // The server has stored the autosave, but its answer reaches the page only after the button is pressed.
    let stored!: () => void;
    const autosaveStored = new Promise<void>((resolve) => (stored = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.endsWith("/p/TONE"),
      async (route) => {
        if (!route.request().postData()?.includes("_action=autosave")) return route.continue();
        const response = await route.fetch();
        stored();
        await released;
        await route.fulfill({ response });
      },
    );
    await pressOn(page, "q_HUMOR", "ArrowDown", "ArrowDown");
    await autosaveStored;
    await tabToControl(page, "Save and continue");
    setTimeout(release, 300);
    await pressForNewPage(page);
    expect(await page.locator("h1").textContent()).toBe("Barriers");
    expect((await savedAnswers(token)).HUMOR).toEqual({ type: "single", code: "RARELY" });
  }, 60_000);
});
