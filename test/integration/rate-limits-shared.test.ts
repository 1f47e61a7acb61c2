// The rate limits hold for the whole service: two app instances over one
// database share each budget, hits racing from both are counted exactly, and
// an agency's working link costs the limiter no database call.
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { DatabaseRateLimitStore } from "../../src/http/rate-limit-store.js";
import { createLogger } from "../../src/logger.js";
import { createTestApp, TEST_LINK_SECRET, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom } from "../support/session.js";
import { createInvitedAgency } from "../support/survey.js";

let t: TestApp;
let secondDb: Database;
let apps: [Express, Express];

beforeAll(async () => {
  // Behind one proxy hop, so each test can speak from an address of its own.
  t = await createTestApp({ TRUST_PROXY: "1" });
  secondDb = await openDatabase(t.url);
  const second = createApp({
    config: t.config,
    db: secondDb,
    logger: createLogger("silent"),
    sessionSecret: "test-secret-that-is-long-enough-0123456789",
    linkSecret: TEST_LINK_SECRET,
  });
  apps = [t.app, second];
});
afterAll(async () => {
  await secondDb.close();
  await t.cleanup();
});

/** A form posted to instance `i % 2`, from `ip`, with a CSRF token read from that instance. */
async function post(i: number, path: string, ip: string, form: Record<string, string>, pagePath = path) {
  const agent = request.agent(apps[i % 2]!);
  const page = await agent.get(pagePath).set("X-Forwarded-For", ip);
  const _csrf = csrfFrom(page.text);
  return agent
    .post(path)
    .set("X-Forwarded-For", ip)
    .type("form")
    .send({ _csrf, ...form });
}

const get = (i: number, path: string, ip: string) =>
  request(apps[i % 2]!)
    .get(path)
    .set("X-Forwarded-For", ip);

describe("rate limits shared by app instances", () => {
  it("lock an account name after 5 failed sign-ins spread over both instances", async () => {
    const user = await createUser(t.db.prisma);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await post(i, "/login", `10.0.1.${i}`, { email: user.email, password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("count password reset requests from one address on both instances together", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await post(i, "/password-reset", "10.0.2.1", { email: `x${i}@example.org` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("count unknown survey links on both instances together, and then refuse the address everywhere", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    const ip = "10.0.3.1";
    const guesses: number[] = [];
    for (let i = 0; i < 20; i++) guesses.push((await get(i, `/s/${String(i).padStart(43, "Q")}`, ip)).status);
    expect(guesses.every((s) => s === 404)).toBe(true);
    const over = await get(0, `/s/${"Z".repeat(43)}`, ip);
    expect(over.status).toBe(429);
    expect(over.text).toMatch(/Too many attempts with survey links that do not work[\s\S]*wait 1[0-9] minutes/);
    expect((await get(0, `/s/${token}`, ip)).status).toBe(429);
    // The other instance refuses at the address's next unknown link, then its working link too.
    expect((await get(1, `/s/${"Y".repeat(43)}`, ip)).status).toBe(429);
    expect((await get(1, `/s/${token}`, ip)).status).toBe(429);
    // Other addresses are not affected.
    expect((await get(1, `/s/${token}`, "10.0.3.2")).status).toBe(200);
  });

  it("count nothing for an agency's working link, and one hit for an unknown one", async () => {
    const { token } = await createInvitedAgency(t.db.prisma);
    for (let i = 0; i < 4; i++) expect((await get(i, `/s/${token}`, "10.0.4.1")).status).toBe(200);
    expect(await t.db.prisma.rateLimit.count({ where: { key: { contains: "10.0.4.1" } } })).toBe(0);
    expect((await get(0, `/s/${"Q".repeat(43)}`, "10.0.4.1")).status).toBe(404);
    expect(await t.db.prisma.rateLimit.findMany({ where: { key: { contains: "10.0.4.1" } } })).toMatchObject([
      { key: "survey-link:10.0.4.1", hits: 1 },
    ]);
  });

  it("count racing hits from both instances exactly", async () => {
    const stores = [
      new DatabaseRateLimitStore(t.db.prisma, "race:", { windowMs: 60_000 }),
      new DatabaseRateLimitStore(secondDb.prisma, "race:", { windowMs: 60_000 }),
    ];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.increment("one-key")));
    expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await stores[1]!.decrement("one-key");
    expect((await stores[0]!.increment("one-key")).totalHits).toBe(40);
    await stores[0]!.resetKey("one-key");
    expect((await stores[1]!.increment("one-key")).totalHits).toBe(1);
  });

  it("starts a new window when the old one ends, and deletes ended windows", async () => {
    const store = new DatabaseRateLimitStore(t.db.prisma, "short:", { windowMs: 300 });
    await store.increment("old");
    await store.increment("k");
    const second = await store.increment("k");
    expect(second.totalHits).toBe(2);
    expect(second.resetTime!.getTime()).toBeGreaterThan(Date.now());
    await new Promise((r) => setTimeout(r, 350));
    expect((await store.increment("k")).totalHits).toBe(1);
    expect(await t.db.prisma.rateLimit.count({ where: { key: "short:old" } })).toBe(0);
  });
});
