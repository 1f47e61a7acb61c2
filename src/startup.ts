// What runs once the server listens: seed what a fresh install needs and tell
// the person who started it how to get in.
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";
import { issueFirstAdminSetupLink } from "./auth/first-admin-setup.js";
import { ensureEmailTemplates } from "./invitations/templates/ensure-email-templates.js";
import { seedDemoAgencies } from "./seed/seed-demo-agencies.js";
import { seedInstrument } from "./seed/seed-instrument.js";

export type StartupContext = { config: Config; db: Database; logger: Logger; port: number; linkSecret: string };

export async function runStartupTasks({ config, db, logger, port, linkSecret }: StartupContext): Promise<void> {
  const baseUrl = config.publicUrl;
  const lines = [`Survey platform running at ${baseUrl} (database: ${db.provider})`];
  const { survey } = await seedInstrument(db.prisma);
  // The default wording of its emails, where a coordinator has not written any yet.
  await ensureEmailTemplates({ db: db.prisma, surveyId: survey.id });
  if (config.seedDemo) {
    const links = await seedDemoAgencies({ db: db.prisma, surveyId: survey.id, linkSecret, baseUrl });
    lines.push("", `Demo agencies invited to "${survey.title}" (open a link to answer as that agency):`);
    for (const link of links) lines.push(`  ${link.agency}: ${link.url}`);
  }
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
