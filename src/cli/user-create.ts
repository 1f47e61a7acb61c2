// npm run user:create -- --email ada@iacp.example --role admin [--name "Ada Admin"] [--password ...]
// Without --password, one is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { isRole } from "../auth/roles.js";
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { loadEnvFile } from "../load-env-file.js";
import { createUser } from "../users/create-user.js";

const usage =
  'usage: npm run user:create -- --email <address> --role <admin|coordinator|researcher> [--name "Full Name"] [--password <password>]';

try {
  loadEnvFile();
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  if (!values.email || !isRole(values.role)) {
    console.error(usage);
    process.exit(2);
  }
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  const generated = !values.password;
  const password = values.password ?? randomBytes(18).toString("base64url");
  try {
    const user = await createUser({
      db: db.prisma,
      email: values.email,
      name: values.name ?? "",
      role: values.role,
      password,
      actorLabel: "command line",
    });
    console.log(`Created ${user.role} ${user.email}.${generated ? ` Password (shown once): ${password}` : ""}`);
    console.log(`Sign in at ${config.publicUrl}/login`);
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Could not create the user: ${(error as Error).message}`,
  );
  process.exit(1);
}
