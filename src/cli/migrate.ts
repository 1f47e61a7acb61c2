// npm run db:migrate: apply pending migrations to DATABASE_URL and say what happened.
import { ConfigError, loadConfig } from "../config.js";
import { migrate } from "../db/migrate.js";
import { loadEnvFile } from "../load-env-file.js";

try {
  loadEnvFile();
  const config = loadConfig();
  const result = await migrate(config.databaseUrl);
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
      : `Database is up to date (${result.alreadyApplied} migration(s) applied earlier).`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
