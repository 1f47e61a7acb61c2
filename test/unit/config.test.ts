import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it("gives working defaults for a fresh clone", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      databaseUrl: "file:./data/survey.db",
      publicUrl: "http://localhost:3000",
      seedDemo: true,
    });
  });

  it.each([
    ["PORT", "abc", /PORT: expected a whole number from 0 to 65535 \(got "abc"\)/],
    ["PORT", "70000", /PORT: expected a whole number/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL: expected file:<path> \(SQLite\) or postgresql:/],
    ["NODE_ENV", "staging", /NODE_ENV: expected development, production or test/],
    ["PUBLIC_URL", "not a url", /PUBLIC_URL: expected an absolute http\(s\) URL/],
    ["SHUTDOWN_TIMEOUT_MS", "5", /SHUTDOWN_TIMEOUT_MS: expected a whole number from 100/],
  ])("names %s when it is %j", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it("lists every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  it("requires both secrets in production, naming each one missing", () => {
    const smtp = { NODE_ENV: "production", SMTP_HOST: "smtp.example.org" };
    expect(() => loadConfig(smtp)).toThrow(
      /SESSION_SECRET: required in production[\s\S]*INVITATION_LINK_SECRET: required/,
    );
    expect(() => loadConfig({ ...smtp, SESSION_SECRET: "s".repeat(40) })).toThrow(/INVITATION_LINK_SECRET: required/);
    expect(() => loadConfig({ ...smtp, SESSION_SECRET: "s".repeat(40), INVITATION_LINK_SECRET: "short" })).toThrow(
      /INVITATION_LINK_SECRET: expected at least 32 random characters/,
    );
    const config = loadConfig({ ...smtp, SESSION_SECRET: "s".repeat(40), INVITATION_LINK_SECRET: "l".repeat(40) });
    expect(config.invitationLinkSecret).toBe("l".repeat(40));
  });

  it("strips a trailing slash from PUBLIC_URL and is quiet in tests", () => {
    const config = loadConfig({ NODE_ENV: "test", PUBLIC_URL: "https://survey.example.org/" });
    expect(config.publicUrl).toBe("https://survey.example.org");
    expect(config.logLevel).toBe("error");
  });
});
