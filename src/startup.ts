// What runs once the server listens: seed what a fresh install needs and tell
// the person who started it how to get in.
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import { issueFirstAdminSetupLink } from "./auth/first-admin-setup.js";

export type StartupContext = { config: Config; db: Database; logger: Logger; port: number };

export async function runStartupTasks({ config, db, logger, port }: StartupContext): Promise<void> {
  const baseUrl = config.publicUrl;
  const lines = [`Survey platform running at ${baseUrl} (database: ${db.provider})`];
  const setup = await issueFirstAdminSetupLink({ db: db.prisma, baseUrl });
  if (setup) {
    lines.push(
      "",
      "No staff account exists yet. Create the first admin account here (valid 24 hours, one use):",
      `  ${setup.url}`,
    );
  }
  logger.info({ port, firstAdminSetup: Boolean(setup) }, "ready");
  console.log(lines.join("\n"));
}
