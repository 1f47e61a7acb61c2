// axe-core's WCAG 2.1 AA rules on the opt-out pages (which agencies see, so
// also without JavaScript and by keyboard alone) and on the coordinators'
// invitation timeline and monitoring pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  hasChromium,
  pressForNewPage,
  startBrowserHarness,
  tabToControl,
  type BrowserHarness,
} from "../support/browser.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { createInvitedAgency } from "../support/survey.js";

let h: BrowserHarness;

describe.skipIf(!hasChromium)("accessibility of the tracking pages (Chromium, axe-core)", () => {
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it("the opt-out page and its confirmation, without JavaScript, by keyboard", async () => {
    const { token, invitation } = await createInvitedAgency(h.db.prisma);
    const { page } = await h.open({ javaScriptEnabled: false });
    await page.goto(`${h.baseUrl}/s/${token}/opt-out`);
    await expectNoAxeViolations(page, "the opt-out page", { javaScriptDisabled: true });
    await tabToControl(page, "Opt out of this survey");
    await pressForNewPage(page);
    expect(await page.textContent("h1")).toBe("You have opted out");
    await expectNoAxeViolations(page, "the opt-out confirmation", { javaScriptDisabled: true });
    const after = await h.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(after.status).toBe("opted_out");
  }, 60_000);

  it("the invitation timeline and the monitoring page", async () => {
    const { invitation } = await createInvitedAgency(h.db.prisma);
    const user = await createUser(h.db.prisma, { role: "coordinator" });
    const { page } = await h.open();
    await page.goto(`${h.baseUrl}/login`);
    await page.fill("#email", user.email);
    await page.fill("#password", TEST_PASSWORD);
    await Promise.all([page.waitForURL(/\/staff$/), page.click("button[type=submit]")]);
    await page.goto(`${h.baseUrl}/invitations/${invitation.id}`);
    await expectNoAxeViolations(page, "the invitation timeline");
    await page.goto(`${h.baseUrl}/monitoring`);
    expect(await page.textContent("h1")).toContain("Monitoring");
    await expectNoAxeViolations(page, "the monitoring page");
  }, 60_000);
});
