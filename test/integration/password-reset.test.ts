import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { csrfFrom, signIn } from "../support/session.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

async function askForReset(email: string) {
  const agent = request.agent(t.app);
  const form = await agent.get("/password-reset").expect(200);
  return agent
    .post("/password-reset")
    .type("form")
    .send({ _csrf: csrfFrom(form.text), email });
}

describe("password reset", () => {
  it("mails a single-use link that sets a new password and ends other sessions", async () => {
    const user = await createUser(t.db.prisma, { name: "Rosa Reset" });
    const other = await signIn(t.app, user.email);
    const res = await askForReset(user.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.text).toContain("If a staff account exists for that address");
    const message = await t.db.prisma.emailMessage.findFirstOrThrow({
      where: { toAddress: user.email, kind: "password_reset" },
    });
    expect(message.subject).toBe("Reset your password for the survey platform");
    expect(message.text).toContain("Hello Rosa Reset,");
    const link = /http:\/\/survey\.test(\/password\/set\/[A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
    expect(message.html).toContain(`href="http://survey.test${link}"`);

    const agent = request.agent(t.app);
    const page = await agent.get(link).expect(200);
    const weak = await agent
      .post(link)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), password: "short", confirm: "short" });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain("Use at least 12 characters");
    const done = await agent
      .post(link)
      .type("form")
      .send({ _csrf: csrfFrom(weak.text), password: "violet harbor compass", confirm: "violet harbor compass" });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe("/login?reset");
    await other.get("/staff").expect(303);
    await signIn(t.app, user.email, "violet harbor compass");
    await agent.get(link).expect(410);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const before = await t.db.prisma.emailMessage.count();
    const res = await askForReset("nobody@example.org");
    expect(res.text).toContain("If a staff account exists for that address");
    expect(await t.db.prisma.emailMessage.count()).toBe(before);
  });

  it("refuses an expired link and a forged one", async () => {
    const user = await createUser(t.db.prisma);
    await askForReset(user.email);
    const message = await t.db.prisma.emailMessage.findFirstOrThrow({ where: { toAddress: user.email } });
    const link = /(\/password\/set\/[A-Za-z0-9_-]{43})/.exec(message.text)![1]!;
    await t.db.prisma.userToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await request(t.app).get(link).expect(410);
    expect(res.text).toContain("This link no longer works");
    await request(t.app)
      .get(`/password/set/${"x".repeat(43)}`)
      .expect(404);
    // The old password still signs in: no failed link changed it.
    const stillOld = await signIn(t.app, user.email, TEST_PASSWORD);
    await stillOld.get("/staff").expect(200);
  });
});
