import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { caughtMailDetail, caughtMailList } from "../../../src/mail/caught-mail-view.js";
import { createTransport } from "../../../src/mail/create-transport.js";
import { startMailCatcher } from "../../../src/mail/mail-catcher.js";
import { startMailServices } from "../../../src/mail/mail-services.js";
import { silentLogger } from "./fixtures.js";

describe("the development mail catcher", () => {
  it("takes every message, keeps the latest ones and shows them to staff", async () => {
    const catcher = await startMailCatcher({ port: 0, capacity: 3 });
    const transport = createTransport({ smtp: catcher.smtp, maxConnections: 2 });
    try {
      expect(catcher.smtp.host).toBe("127.0.0.1");
      for (let i = 1; i <= 4; i++) {
        await transport.sendMail({
          from: '"LESM Survey" <survey@localhost>',
          to: `chief${i}@agency.example.test`,
          subject: `Invitation ${i}`,
          text: `Dear chief ${i}, please take the survey.`,
          html: `<p>Dear chief ${i}, <a href="https://survey.test/s/${i}">please take the survey</a>.</p>`,
          headers: { "List-Unsubscribe": `<https://survey.test/opt-out/${i}>` },
        });
      }
      // The oldest was dropped; newest first.
      const list = caughtMailList(catcher);
      expect(list.total).toBe(3);
      expect(list.messages.map((m) => m.subject)).toEqual(["Invitation 4", "Invitation 3", "Invitation 2"]);
      expect(list.messages[0]).toMatchObject({
        from: "survey@localhost",
        to: "chief4@agency.example.test",
        preview: "Dear chief 4, please take the survey.",
      });

      const detail = caughtMailDetail(catcher, list.messages[0]!.id);
      expect(detail).toMatchObject({ hasHtml: true, envelopeTo: "chief4@agency.example.test" });
      expect(detail?.html).toContain('<a href="https://survey.test/s/4">');
      expect(detail?.headers).toContainEqual({ name: "list-unsubscribe", value: "<https://survey.test/opt-out/4>" });
      expect(caughtMailDetail(catcher, "no-such-id")).toBeNull();

      catcher.clear();
      expect(catcher.list()).toEqual([]);
    } finally {
      transport.close();
      await catcher.close();
    }
  });

  it("is what the mail services use when no SMTP_HOST is set, and a second process reuses it", async () => {
    const config = loadConfig({ NODE_ENV: "development", MAIL_CATCHER_PORT: "0" });
    expect(config.mail.smtp).toBeNull();
    const web = await startMailServices({ mail: config.mail, logger: silentLogger });
    try {
      expect(web.catcher).not.toBeNull();
      const port = web.smtp.port;
      // A worker process started with the same port finds the catcher already there.
      const worker = await startMailServices({ mail: { ...config.mail, catcherPort: port }, logger: silentLogger });
      try {
        expect(worker.catcher).toBeNull();
        await worker.transport.sendMail({ from: "survey@localhost", to: "a@agency.example.test", text: "hi" });
        expect(web.catcher?.list()).toHaveLength(1);
      } finally {
        await worker.close();
      }
    } finally {
      await web.close();
    }
  });

  it("is refused in production: there, mail needs a relay", () => {
    expect(() =>
      loadConfig({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), INVITATION_LINK_SECRET: "l".repeat(40) }),
    ).toThrow(/SMTP_HOST: required/);
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(40),
      INVITATION_LINK_SECRET: "l".repeat(40),
      SMTP_HOST: "smtp.example.org",
      SMTP_SECURE: "true",
      SMTP_USER: "survey",
      SMTP_PASSWORD: "secret",
    });
    expect(config.mail.smtp).toEqual({
      host: "smtp.example.org",
      port: 465,
      secure: true,
      user: "survey",
      password: "secret",
    });
  });
});
