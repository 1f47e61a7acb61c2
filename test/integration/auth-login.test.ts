import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { TEST_LINK_SECRET, createTestApp, type TestApp } from "../support/app.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { csrfFrom, csrfToken, signIn } from "../support/session.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe("staff sign-in", () => {
  it("signs in, sets a hardened session cookie, and lands on the staff home", async () => {
    const user = await createUser(t.db.prisma, { role: "researcher" });
    const agent = request.agent(t.app);
    const token = await csrfToken(agent);
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/staff");
    const cookie = (res.headers["set-cookie"] as unknown as string[]).find((c) => c.startsWith("lesm.sid="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const home = await agent.get("/staff").expect(200);
    expect(home.text).toContain(`Signed in as ${user.name} (${user.email}), researcher.`);
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { action: "auth.signed_in", actorUserId: user.id } });
    expect(audit).not.toBeNull();
  });

  it("says the same thing for a wrong password and an unknown email, and keeps the email typed", async () => {
    const user = await createUser(t.db.prisma);
    const attempt = async (email: string) => {
      const agent = request.agent(t.app);
      const _csrf = await csrfToken(agent);
      return agent.post("/login").type("form").send({ _csrf, email, password: "wrong password here" });
    };
    const wrong = await attempt(user.email);
    const unknown = await attempt("nobody-here@example.org");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain("The email address or password is not right");
    expect(unknown.text).toContain("The email address or password is not right");
    expect(unknown.text).toContain('value="nobody-here@example.org"');
    expect(
      await t.db.prisma.auditEvent.count({
        where: { action: "auth.sign_in_failed", actorLabel: "nobody-here@example.org" },
      }),
    ).toBe(1);
  });

  it("refuses a deactivated account like a wrong password", async () => {
    const user = await createUser(t.db.prisma, { active: false });
    const agent = request.agent(t.app);
    const _csrf = await csrfToken(agent);
    const res = await agent.post("/login").type("form").send({ _csrf, email: user.email, password: TEST_PASSWORD });
    expect(res.status, res.text).toBe(401);
  });

  it("refuses a form without a valid CSRF token and changes nothing", async () => {
    const user = await createUser(t.db.prisma);
    const before = await t.db.prisma.session.count();
    const res = await request(t.app).post("/login").type("form").send({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain("This form has expired");
    const forged = await request(t.app)
      .post("/login")
      .type("form")
      .send({ _csrf: "forged.value", email: user.email, password: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    expect(await t.db.prisma.session.count()).toBe(before);
  });

  it("sends a visitor who is not signed in to the sign-in page and back", async () => {
    const res = await request(t.app).get("/staff").expect(303);
    expect(res.headers.location).toBe("/login?next=%2Fstaff");
    const user = await createUser(t.db.prisma);
    const agent = request.agent(t.app);
    const page = await agent.get(res.headers.location!);
    const back = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: TEST_PASSWORD, next: "/staff?x=1" });
    expect(back.headers.location).toBe("/staff?x=1");
  });

  it("never redirects off the site after sign-in", async () => {
    const user = await createUser(t.db.prisma);
    const agent = request.agent(t.app);
    const _csrf = await csrfToken(agent);
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf, email: user.email, password: TEST_PASSWORD, next: "//evil.example/" });
    expect(res.headers.location).toBe("/staff");
  });

  it("signs out: the session is destroyed and the old cookie no longer works", async () => {
    const user = await createUser(t.db.prisma);
    const agent = await signIn(t.app, user.email);
    const home = await agent.get("/staff").expect(200);
    const out = await agent
      .post("/logout")
      .type("form")
      .send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/login?signedout");
    await agent.get("/staff").expect(303);
    expect(await t.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps a session across an app restart (sessions live in the database)", async () => {
    const user = await createUser(t.db.prisma);
    const agent = await signIn(t.app, user.email);
    const cookie = (await agent.get("/staff")).request.cookies;
    const restarted = createApp({
      config: t.config,
      db: t.db,
      logger: createLogger("silent"),
      sessionSecret: "test-secret-that-is-long-enough-0123456789",
      linkSecret: TEST_LINK_SECRET,
    });
    const res = await request(restarted).get("/staff").set("Cookie", cookie).expect(200);
    expect(res.text).toContain(user.email);
  });

  it("ends a session on the next request after the account is deactivated", async () => {
    const user = await createUser(t.db.prisma);
    const agent = await signIn(t.app, user.email);
    await t.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    await agent.get("/staff").expect(303);
  });

  it("holds the sign-in limit under a burst, saying when to try again, whether or not the account exists", async () => {
    for (const email of [(await createUser(t.db.prisma)).email, "ghost@example.org"]) {
      const agent = request.agent(t.app);
      const token = await csrfToken(agent);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await agent
          .post("/login")
          .type("form")
          .send({ _csrf: token, email, password: `wrong-${i}` });
        statuses.push(res.status);
        if (res.status === 429) expect(res.text).toMatch(/Too many sign-in attempts[\s\S]*wait 1[0-9] minutes/);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      // Even the right password is refused while locked.
      const right = await agent.post("/login").type("form").send({ _csrf: token, email, password: TEST_PASSWORD });
      expect(right.status).toBe(429);
    }
  });
});
