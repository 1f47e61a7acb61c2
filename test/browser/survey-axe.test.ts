// axe-core's WCAG 2.0/2.1 A and AA rules on every page of an agency's survey,
// with and without JavaScript, and reflow: no horizontal scrolling at 320 CSS
// pixels (WCAG 1.4.10) nor at 200% zoom of a 1280-pixel window.
import request from "supertest";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lesm2016 } from "../../src/questionnaire/index.js";
import {
  axeViolations,
  expectNoAxeViolations,
  hasChromium,
  pressForNewPage,
  scrollWidth,
  startBrowserHarness,
  tabToControl,
  type BrowserHarness,
} from "../support/browser.js";
import { csrfFrom } from "../support/session.js";
import { answerEverything, createInvitedAgency, postPage, validForm } from "../support/survey.js";

const CODES = lesm2016.sections.map((s) => s.code);

let h: BrowserHarness;
/** Started, the screener answered "yes", every later part still empty. */
let fresh: string;
/** Every part answered (with the questions that depend on others shown), not submitted. */
let full: string;

async function startedAsUser(): Promise<string> {
  const { token } = await createInvitedAgency(h.db.prisma);
  const agent = request.agent(h.app);
  const welcome = await agent.get(`/s/${token}`).expect(200);
  await agent
    .post(`/s/${token}/start`)
    .type("form")
    .send({ _csrf: csrfFrom(welcome.text) })
    .expect(303);
  const agency = validForm(lesm2016.sections[0]!, {}, { USES_SOCIAL_MEDIA: "YES" }).form;
  expect((await postPage(agent, token, "AGENCY", agency)).status).toBe(303);
  return token;
}

async function visit(page: Page, path: string, status = 200) {
  const response = await page.goto(h.baseUrl + path);
  expect(response?.status(), path).toBe(status);
}

/** Presses a form's button from the keyboard and checks the page it leads to. */
async function send(page: Page, button: string, status: number) {
  await tabToControl(page, button);
  const answered = page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() !== 303);
  await pressForNewPage(page);
  expect((await answered).status()).toBe(status);
}

describe.skipIf(!hasChromium)("accessibility of the survey pages (Chromium, axe-core)", () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
    fresh = await startedAsUser();
    full = (await createInvitedAgency(h.db.prisma)).token;
    await answerEverything(h.app, full, { USES_SOCIAL_MEDIA: "YES", WRITTEN_POLICY: "YES", MEASURES_IMPACT: "YES" });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("sees a violation and sideways scrolling when there are some, with or without JavaScript", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { page } = await h.open({ viewport: { width: 320, height: 640 }, javaScriptEnabled });
      await visit(page, `/s/${fresh}/p/AGENCY`);
      await page.evaluate(() => {
        const { document } = globalThis as unknown as {
          document: { querySelector(s: string): { insertAdjacentHTML(where: string, html: string): void } };
        };
        document
          .querySelector("main")
          .insertAdjacentHTML("beforeend", '<input type="text"><pre>'.concat("x".repeat(200), "</pre>"));
      });
      const violations = await axeViolations(page, { javaScriptDisabled: !javaScriptEnabled });
      expect(violations.join("\n")).toMatch(/^label \(critical\): Form elements must have labels at #main > input/m);
      expect(await scrollWidth(page)).toBeGreaterThan(320);
    }
  });

  it("has no violations on any page, with JavaScript", async () => {
    const { page } = await h.open();
    const { token } = await createInvitedAgency(h.db.prisma);
    await visit(page, `/s/${token}`);
    await expectNoAxeViolations(page, "the welcome page");
    await send(page, "Start the survey", 200);
    await expectNoAxeViolations(page, "the first part, empty");
    await send(page, "Save and continue", 400);
    await expectNoAxeViolations(page, "the first part with its errors shown");

    for (const code of CODES) {
      await visit(page, `/s/${fresh}/p/${code}`);
      await expectNoAxeViolations(page, `${code}, not yet answered`);
      await visit(page, `/s/${full}/p/${code}`);
      await expectNoAxeViolations(page, `${code}, answered`);
    }
    await visit(page, `/s/${full}/p/AGENCY?saved`);
    await expectNoAxeViolations(page, "a part with its 'saved' notice");

    await visit(page, `/s/${fresh}/review`);
    await expectNoAxeViolations(page, "the review page, half answered");
    await send(page, "Submit the survey", 400);
    await expectNoAxeViolations(page, "the review page listing missing answers");

    await visit(page, `/s/${fresh}/saved`);
    await expectNoAxeViolations(page, "the saved page");
    await visit(page, "/s/this-link-does-not-work", 404);
    await expectNoAxeViolations(page, "the page for a bad link");

    // Last, as it closes the response for the other tests.
    const done = (await createInvitedAgency(h.db.prisma)).token;
    await answerEverything(h.app, done, { USES_SOCIAL_MEDIA: "YES" });
    await visit(page, `/s/${done}/review`);
    await expectNoAxeViolations(page, "the review page, complete");
    await send(page, "Submit the survey", 200);
    expect(new URL(page.url()).pathname).toBe(`/s/${done}/done`);
    await expectNoAxeViolations(page, "the thank-you page");
  }, 90_000);

  it("has no violations on the section pages without JavaScript", async () => {
    const { page } = await h.open({ javaScriptEnabled: false });
    const { token } = await createInvitedAgency(h.db.prisma);
    await visit(page, `/s/${token}`);
    await send(page, "Start the survey", 200);
    await send(page, "Save and continue", 400);
    await expectNoAxeViolations(page, "the first part with its errors shown, without JavaScript", {
      javaScriptDisabled: true,
    });
    for (const code of CODES) {
      for (const [token, state] of [
        [fresh, "not yet answered"],
        [full, "answered"],
      ] as const) {
        await visit(page, `/s/${token}/p/${code}`);
        await expectNoAxeViolations(page, `${code}, ${state}, without JavaScript`, { javaScriptDisabled: true });
      }
    }
    // The script never ran: a question that depends on one on the same page is shown, with its note.
    await visit(page, `/s/${fresh}/p/AGENCY`);
    expect(await page.locator("#question-NONUSER_REASONS").isVisible()).toBe(true);
    expect(await page.locator("#question-NONUSER_REASONS .condition-note").isVisible()).toBe(true);
  }, 90_000);

  it("fits 320 CSS pixels and 200% zoom without scrolling sideways", async () => {
    const paths = [
      `/s/${fresh}`,
      ...CODES.flatMap((code) => [`/s/${fresh}/p/${code}`, `/s/${full}/p/${code}`]),
      `/s/${fresh}/review`,
      `/s/${full}/review`,
    ];
    // A 1280-pixel window at 200% lays the page out in 640 CSS pixels; WCAG 1.4.10 asks for 320.
    const widths = [640, 320];
    for (const javaScriptEnabled of [true, false]) {
      const { page } = await h.open({ viewport: { width: 640, height: 480 }, deviceScaleFactor: 2, javaScriptEnabled });
      for (const path of paths) {
        await visit(page, path);
        for (const width of widths) {
          await page.setViewportSize({ width, height: 480 });
          const where = `${path} at ${width} CSS pixels${javaScriptEnabled ? "" : " without JavaScript"}`;
          expect(await scrollWidth(page), where).toBeLessThanOrEqual(width);
        }
        await page.setViewportSize({ width: 640, height: 480 });
      }
    }
  }, 90_000);
});
