import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueFirstAdminSetupLink } from "../../src/auth/first-admin-setup.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { createUser } from "../support/factories.js";
import { csrfFrom, signIn } from "../support/session.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe("the first admin's setup link", () => {
  it("shows inline errors keeping what was typed, then creates the admin once", async () => {
    const link = await issueFirstAdminSetupLink({ db: t.db.prisma, baseUrl: "" });
    const path = link!.url;
    const agent = request.agent(t.app);
    const form = await agent.get(path).expect(200);

    const bad = await agent
      .post(path)
      .type("form")
      .send({
        _csrf: csrfFrom(form.text),
        name: "Ada <b>Admin</b>",
        email: "not-an-email",
        password: "password1234",
        confirm: "x",
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#email">Enter an email address like name@agency.gov</a>');
    expect(bad.text).toContain('value="Ada &lt;b&gt;Admin&lt;/b&gt;"');
    expect(bad.text).toMatch(/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
    expect(await t.db.prisma.user.count()).toBe(0);

    const common = await agent
      .post(path)
      .type("form")
      .send({
        _csrf: csrfFrom(bad.text),
        name: "Ada",
        email: "ada@iacp.example",
        password: "password1234",
        confirm: "password1234",
      });
    expect(common.text).toContain("This password is too common");

    const good = await agent
      .post(path)
      .type("form")
      .send({
        _csrf: csrfFrom(common.text),
        name: "Ada",
        email: "Ada@IACP.example",
        password: "mossy granite lantern",
        confirm: "mossy granite lantern",
      });
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe("/login?setup=done");
    const admin = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "ada@iacp.example" } });
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);

    await agent.get(path).expect(404);
    const home = await (await signIn(t.app, "ada@iacp.example", "mossy granite lantern")).get("/staff").expect(200);
    expect(home.text).toContain("Staff accounts");
  });

  it("is not issued once a staff account exists, and a forged link is a 404", async () => {
    await createUser(t.db.prisma);
    expect(await issueFirstAdminSetupLink({ db: t.db.prisma, baseUrl: "" })).toBeNull();
    await request(t.app)
      .get(`/setup/${"x".repeat(43)}`)
      .expect(404);
    await request(t.app).get("/setup/short").expect(404);
  });
});
