// In development the in-process mail catcher receives what the platform sends
// over real SMTP, and coordinators read it on /mail.
import nodemailer from "nodemailer";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { startMailCatcher, type MailCatcher } from "../../src/mail/mail-catcher.js";
import { TEST_LINK_SECRET, createTestApp, type TestApp } from "../support/app.js";
import { createUser, TEST_PASSWORD } from "../support/factories.js";
import { csrfFrom } from "../support/session.js";

let t: TestApp;
let catcher: MailCatcher;
beforeAll(async () => {
  t = await createTestApp();
  catcher = await startMailCatcher({ port: 0 });
});
afterAll(async () => {
  await catcher.close();
  await t.cleanup();
});

describe("the caught-mail page", () => {
  it("shows a message sent over SMTP to the catcher, escaped, to coordinators only", async () => {
    const transport = nodemailer.createTransport({
      host: catcher.smtp.host,
      port: catcher.smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: "survey@localhost",
      to: "chief@agency.example",
      subject: "Your <survey> link",
      text: "Hello & welcome",
    });
    transport.close();
    const app = createApp({
      config: t.config,
      db: t.db,
      logger: createLogger("silent"),
      sessionSecret: "test-secret-that-is-long-enough-0123456789",
      linkSecret: TEST_LINK_SECRET,
      mailCatcher: catcher,
    });
    const coordinator = await createUser(t.db.prisma, { role: "coordinator" });
    const agent = request.agent(app);
    const login = await agent.get("/login");
    await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(login.text), email: coordinator.email, password: TEST_PASSWORD });
    const list = await agent.get("/mail").expect(200);
    expect(list.text).toContain("Your &lt;survey&gt; link");
    const id = /href="\/mail\/([^"]+)"/.exec(list.text)![1]!;
    const one = await agent.get(`/mail/${id}`).expect(200);
    expect(one.text).toContain("Hello &amp; welcome");
    expect(one.text).toContain("chief@agency.example");
    await agent.get("/mail/no-such-id").expect(404);
  });
});
