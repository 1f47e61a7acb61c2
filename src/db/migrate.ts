// Applies the committed migrations of the database's provider, in order, each in
// a transaction, and records them in _prisma_migrations exactly as Prisma does
// (same table, same checksum), so `prisma migrate status` agrees with us.
// We apply them ourselves because `prisma migrate deploy` through the JS schema
// engine fails on PostgreSQL (prisma/orm#27403).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePathOf } from "./client.js";
import { migrationsDirs, type Provider } from "./schema-files.js";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number; warnings: string[] };

export class MigrationError extends Error {}

/** Prisma's checksum of a migration: the sha-256 of the script, in hex. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(provider: Provider, dir = migrationsDirs[provider]): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      const sql = readFileSync(file, "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** What is pending, and what looks wrong (a failed row, an edited or missing migration). */
function plan(migrations: Migration[], rows: AppliedRow[]) {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier and was not resolved; see _prisma_migrations.logs`,
    );
  }
  const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const warnings: string[] = [];
  for (const m of migrations) {
    const row = applied.get(m.name);
    // Prisma accepts a script whose only change is CRLF line endings.
    if (row && row.checksum !== m.checksum && row.checksum !== checksumOf(m.sql.replace(/\r/g, ""))) {
      warnings.push(`migration ${m.name} was modified after it was applied`);
    }
  }
  const known = new Set(migrations.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) warnings.push(`migration ${name} is applied but missing from the migrations folder`);
  }
  return { pending: migrations.filter((m) => !applied.has(m.name)), alreadyApplied: applied.size, warnings };
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so our runner and `prisma migrate` never overlap.
const PRISMA_ADVISORY_LOCK = 72707369;

function migrateSqlite(url: string, migrations: Migration[]): MigrateResult {
  const db = new BetterSqlite3(sqlitePathOf(url), { timeout: 30_000 });
  try {
    db.exec(SQLITE_TABLE);
    const rows = db
      .prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations")
      .all() as AppliedRow[];
    const { pending, alreadyApplied, warnings } = plan(migrations, rows);
    const insert = db.prepare(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)",
    );
    const applied: string[] = [];
    for (const m of pending) {
      // Prisma's SQLite connector stores these timestamps as Unix milliseconds.
      const startedAt = Date.now();
      // IMMEDIATE takes the write lock up front, so two starting processes queue here.
      db.exec("BEGIN IMMEDIATE");
      try {
        const again = db
          .prepare("SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND rolled_back_at IS NULL")
          .get(m.name);
        if (!again) {
          db.exec(m.sql);
          insert.run(randomUUID(), m.checksum, m.name, startedAt, Date.now());
          applied.push(m.name);
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return { applied, alreadyApplied, warnings };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<AppliedRow>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations",
    );
    const { pending, alreadyApplied, warnings } = plan(migrations, rows);
    const applied: string[] = [];
    for (const m of pending) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)",
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return { applied, alreadyApplied, warnings };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Applies every pending migration for the database at `url`. */
export async function migrate(url: string, options: { migrationsDir?: string } = {}): Promise<MigrateResult> {
  const provider = providerOf(url);
  const migrations = readMigrations(provider, options.migrationsDir);
  if (migrations.length === 0) throw new MigrationError(`no migrations found for ${provider}`);
  if (provider === "sqlite") {
    const file = sqlitePathOf(url);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    return migrateSqlite(url, migrations);
  }
  return migratePostgres(url, migrations);
}
