// npm run seed:demo -- --responses 100000 [--survey SLUG] [--seed N] [--batch N]
// Fills a survey (by default "demo-2016", created with the 2016 questionnaire
// if missing) with synthetic agencies, invitations and responses.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase, sqlitePathOf } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { loadEnvFile } from "../load-env-file.js";
import { sqliteDemoInserter } from "../results/demo/insert-demo-batch-sqlite.js";
import { DEMO_SURVEY_SLUG, seedDemoResponses } from "../results/seed-demo-responses.js";

const usage = "usage: npm run seed:demo -- --responses N [--survey SLUG] [--seed N] [--batch N]";

try {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          responses: { type: "string" },
          survey: { type: "string", default: DEMO_SURVEY_SLUG },
          seed: { type: "string", default: "2016" },
          batch: { type: "string", default: "1000" },
        },
      });
    } catch (error) {
      throw new ConfigError(`${(error as Error).message}\n${usage}`);
    }
  })();
  const whole = (name: string, text: string | undefined, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
      throw new ConfigError(
        `--${name}: expected a whole number of at least ${min} (got ${JSON.stringify(text ?? "")})\n${usage}`,
      );
    return n;
  };
  const responses = whole("responses", values.responses, 1);
  const seed = whole("seed", values.seed, 0);
  const batchSize = whole("batch", values.batch, 1);
  loadEnvFile();
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  // On SQLite the rows go through a plain driver connection, a hundred times faster than Prisma's raw queries.
  const fast = db.provider === "sqlite" ? sqliteDemoInserter(sqlitePathOf(config.databaseUrl)) : undefined;
  let lastReport = 0;
  try {
    const summary = await seedDemoResponses({
      db: db.prisma,
      responses,
      surveySlug: values.survey,
      seed,
      batchSize,
      ...(fast && { insertBatch: fast.insert }),
      onProgress: (done, total) => {
        if (Date.now() - lastReport > 5000 || done === total) {
          lastReport = Date.now();
          console.error(`  ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} invitations written`);
        }
      },
    });
    const n = (x: number) => x.toLocaleString("en-US");
    console.log(
      [
        `Survey "${summary.survey.slug}" (id ${summary.survey.id}${summary.survey.created ? ", created" : ", existing"}) on ${db.provider}:`,
        `  ${n(summary.agencies)} synthetic agencies, ${n(summary.invitations)} invitations`,
        `  ${n(summary.responses)} responses: ${n(summary.submitted)} submitted, ${n(summary.inProgress)} in progress`,
        `  ${n(summary.answers)} answer rows`,
        `  in ${(summary.milliseconds / 1000).toFixed(1)} s`,
      ].join("\n"),
    );
  } finally {
    fast?.close();
    await db.close();
  }
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).stack ?? String(error)}`,
  );
  process.exit(1);
}
