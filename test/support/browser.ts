// Real Chromium against the app listening in-process on 127.0.0.1, with
// keyboard helpers and axe-core. Browser tests skip (with a message) on a
// machine without /usr/bin/chromium; CI installs it (.ci/run).
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import type { AxeResults, RunOptions } from "axe-core";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect } from "vitest";
import { createAppServer } from "../../src/http/app-server.js";
import { createTestApp, type TestApp } from "./app.js";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  console.warn(`Browser tests skipped: ${CHROMIUM_PATH} is missing (install it with: apt-get install -y chromium).`);
}

// Without the background-networking flags Chromium keeps calling home, and
// this machine's closed network makes every attempt hang until it times out.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type BrowserHarness = TestApp & {
  baseUrl: string;
  browser: Browser;
  /** A fresh context (its own cookies, like another device) and a page in it. */
  open(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
};

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await createTestApp();
  // Served as server.ts serves it.
  const server = await new Promise<Server>((resolve) => {
    const s = createAppServer(t.app).listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // Playwright refuses --user-data-dir for launch(): it creates a fresh
  // temporary profile itself for every launch and deletes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async open(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      // Keep-alive sockets from Chromium would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await t.cleanup();
    },
  };
}

// Page-side code runs in the browser; these are the few DOM shapes it uses
// (the project compiles without the DOM library, so they are declared here).
type PageElement = {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  name?: string;
  type?: string;
  value?: string;
};
type PageGlobals = {
  document: {
    activeElement: PageElement | null;
    documentElement: { scrollWidth: number };
    body: PageElement;
  };
  getComputedStyle(el: PageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string };
  axe?: { run(options: RunOptions): Promise<AxeResults> };
};

export type Focused = { tag: string; id: string; name: string; type: string; value: string; text: string };

/** What has the keyboard focus. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as PageGlobals).document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.id ?? "",
      name: el?.name ?? el?.getAttribute("name") ?? "",
      type: el?.type ?? "",
      value: el?.value ?? "",
      text: (el?.textContent ?? "").trim(),
    };
  });
}

type FocusTarget = string | ((f: Focused) => boolean);
const describeTarget = (target: FocusTarget) => (typeof target === "string" ? `#${target}` : target.toString());

/**
 * Presses Tab (or Shift+Tab) until the focus is on the target, an element id
 * or a test of what is focused, as a keyboard user moves through a page.
 */
export async function tabTo(page: Page, target: FocusTarget, options: { back?: boolean; max?: number } = {}) {
  const matches = typeof target === "string" ? (f: Focused) => f.id === target : target;
  const trail: string[] = [];
  for (let i = 0; i < (options.max ?? 200); i++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (matches(f)) return f;
    trail.push(f.id || f.name || `${f.tag}:${f.text.slice(0, 30)}`);
  }
  throw new Error(`Tab never reached ${describeTarget(target)}; it went through: ${trail.join(", ")}`);
}

/** Tabs to the button or link with this text. */
export const tabToControl = (page: Page, text: string, options: { back?: boolean } = {}) =>
  tabTo(page, (f) => (f.tag === "button" || f.tag === "a") && f.text === text, options);

/** Presses a key that sends a form or follows a link, and waits for the next page to load. */
export async function pressForNewPage(page: Page, key = "Enter") {
  await Promise.all([page.waitForEvent("framenavigated"), page.keyboard.press(key)]);
  await page.waitForLoadState("load");
}

/** Tabs to a field and presses keys on it (Space checks, arrows move within a radio group). */
export async function pressOn(page: Page, id: string, ...keys: string[]) {
  await tabTo(page, id);
  for (const key of keys) await page.keyboard.press(key);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, id);
  await page.keyboard.type(text);
}

/** Tabs to a button (or link) and presses Enter on it, waiting for the page it leads to. */
export async function pressButton(page: Page, label: string) {
  await tabToControl(page, label);
  await pressForNewPage(page);
}

/** The section code of a survey page's address, or the address itself for the other pages. */
export function sectionOf(page: Page): string {
  const path = new URL(page.url()).pathname;
  return path.split("/p/")[1] ?? path;
}

/** The focus indicator must be visible: an outline or a box-shadow on the focused element. */
export async function expectFocusVisible(page: Page) {
  const style = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const el = g.document.activeElement;
    if (!el || el === g.document.body) return null;
    const s = g.getComputedStyle(el);
    return {
      element: `${el.tagName.toLowerCase()}#${el.id}`,
      outline: `${s.outlineStyle} ${s.outlineWidth}`,
      boxShadow: s.boxShadow,
    };
  });
  expect(style, "something should have the focus").not.toBeNull();
  const outlined = !/^none|\s0px$/.test(style!.outline);
  expect(outlined || style!.boxShadow !== "none", `focus indicator on ${JSON.stringify(style)}`).toBe(true);
}

/** How wide the page is, to compare with the viewport (no horizontal scrolling). */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_AA: RunOptions = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  // Only violations are reported, so axe need not describe every passing node.
  resultTypes: ["violations"],
};

/**
 * A page loaded without JavaScript runs no timers, and axe defers its work
 * with setTimeout. This stands in for the timers, in that page only, from
 * outside it: short delays run as promise reactions (the one kind of callback
 * that still runs there), and the long ones, which axe only uses as guards
 * against a hang, never fire.
 */
function timersFromPromiseReactions() {
  const live = new Set<number>();
  let last = 0;
  const g = globalThis as unknown as {
    setTimeout: (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => number;
    clearTimeout: (id: number) => void;
  };
  g.setTimeout = (fn, ms = 0, ...args) => {
    const id = ++last;
    if (ms <= 1) {
      live.add(id);
      void Promise.resolve().then(() => {
        if (live.delete(id)) fn(...args);
      });
    }
    return id;
  };
  g.clearTimeout = (id) => void live.delete(id);
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page: one line per
 * violation (rule, impact, help, target selectors). axe is evaluated through
 * the DevTools protocol, which the page's Content-Security-Policy does not
 * govern, so the page is checked exactly as served (bypassCSP would also let
 * through an inline script or style that the real policy blocks).
 */
export async function axeViolations(page: Page, options: { javaScriptDisabled?: boolean } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) {
    if (options.javaScriptDisabled) await page.evaluate(timersFromPromiseReactions);
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate((runOptions) => {
    const axe = (globalThis as unknown as PageGlobals).axe;
    if (!axe) throw new Error("axe-core did not load");
    return axe.run(runOptions);
  }, WCAG_AA);
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "no impact"}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")} (${v.helpUrl})`,
  );
}

/** Fails with the readable list of axe-core's WCAG 2.1 AA violations, if there are any. */
export async function expectNoAxeViolations(page: Page, where: string, options: { javaScriptDisabled?: boolean } = {}) {
  const violations = await axeViolations(page, options);
  expect(violations, `axe-core WCAG 2.1 AA violations on ${where} (${page.url()})`).toEqual([]);
}
