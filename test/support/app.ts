// Builds the app in-process against a fresh test database.
import type { Express } from "express";
import { createApp } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type MigratedDatabase } from "./database.js";

const TEST_SECRET = "test-secret-that-is-long-enough-0123456789";
/** The link secret of test apps and test worker processes, so both make the same links. */
export const TEST_LINK_SECRET = "test-link-secret-that-is-long-enough-9876543210";

export type TestApp = MigratedDatabase & { app: Express; config: Config };

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: database.url, PUBLIC_URL: "http://survey.test", ...env });
  const app = createApp({
    config,
    db: database.db,
    logger: createLogger(config.logLevel),
    sessionSecret: TEST_SECRET,
    linkSecret: config.invitationLinkSecret ?? TEST_LINK_SECRET,
  });
  return { ...database, app, config };
}
