// The committed migrations must build exactly the schema Prisma derives from
// schema.prisma (no drift), for both providers, and be recorded as Prisma records them.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sqlitePathOf } from "../../src/db/client.js";
import { checksumOf, migrate, MigrationError, readMigrations } from "../../src/db/migrate.js";
import {
  migrationsDirs,
  modelsOf,
  postgresqlSchemaFrom,
  schemaPaths,
  type Provider,
} from "../../src/db/schema-files.js";
import { createEmptyDatabase } from "../support/database.js";
import { prismaCli } from "../support/prisma-cli.js";
import { postgresCatalog, sqliteCatalog, type Catalog } from "../support/schema-catalog.js";

const providers: Provider[] = process.env.TEST_POSTGRES_URL ? ["sqlite", "postgresql"] : ["sqlite"];

async function catalogOf(provider: Provider, url: string): Promise<Catalog> {
  return provider === "sqlite" ? sqliteCatalog(url) : postgresCatalog(url);
}

async function executeScript(provider: Provider, url: string, sql: string): Promise<void> {
  if (provider === "sqlite") {
    const db = new BetterSqlite3(sqlitePathOf(url));
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function appliedRows(
  provider: Provider,
  url: string,
): Promise<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: unknown }[]> {
  const sql =
    "SELECT migration_name, checksum, applied_steps_count, finished_at FROM _prisma_migrations ORDER BY migration_name";
  if (provider === "sqlite") {
    const db = new BetterSqlite3(sqlitePathOf(url), { readonly: true });
    const rows = db.prepare(sql).all() as never[];
    db.close();
    return rows;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(sql);
  await client.end();
  return rows;
}

describe("the two providers", () => {
  it("share the same models, and the PostgreSQL schema is generated from the SQLite one", () => {
    const sqlite = readFileSync(schemaPaths.sqlite, "utf8");
    const postgresql = readFileSync(schemaPaths.postgresql, "utf8");
    expect(modelsOf(postgresql)).toBe(modelsOf(sqlite));
    expect(postgresql).toBe(postgresqlSchemaFrom(sqlite));
  });

  it("have the same migrations, one folder each", () => {
    const names = (p: Provider) => readMigrations(p).map((m) => m.name);
    expect(names("postgresql")).toEqual(names("sqlite"));
    expect(names("sqlite").length).toBeGreaterThan(0);
  });
});

describe.each(providers)("migrations on %s", (provider) => {
  it("build exactly the schema Prisma derives from schema.prisma (no drift)", async () => {
    const migrated = await createEmptyDatabase(provider);
    const derived = await createEmptyDatabase(provider);
    try {
      await migrate(migrated.url);
      const diff = prismaCli(
        provider,
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schemaPaths[provider], "--script"],
        {
          DATABASE_URL: provider === "postgresql" ? process.env.TEST_POSTGRES_URL! : derived.url,
        },
      );
      expect(diff.status, diff.stderr).toBe(0);
      await executeScript(provider, derived.url, diff.stdout);
      const expected = await catalogOf(provider, derived.url);
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(await catalogOf(provider, migrated.url)).toEqual(expected);
    } finally {
      await migrated.drop();
      await derived.drop();
    }
  });

  it("are recorded in _prisma_migrations as Prisma records them, and applied once", async () => {
    const db = await createEmptyDatabase(provider);
    try {
      const first = await migrate(db.url);
      const files = readMigrations(provider);
      expect(first.applied).toEqual(files.map((m) => m.name));
      const rows = await appliedRows(provider, db.url);
      expect(rows.map((r) => [r.migration_name, r.checksum, Number(r.applied_steps_count)])).toEqual(
        files.map((m) => [
          m.name,
          checksumOf(readFileSync(path.join(migrationsDirs[provider], m.name, "migration.sql"), "utf8")),
          1,
        ]),
      );
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      const second = await migrate(db.url);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toBe(files.length);
    } finally {
      await db.drop();
    }
  });

  it("roll back a failing migration whole, recording nothing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-migrations-"));
    cpSync(migrationsDirs[provider], dir, { recursive: true });
    const broken = path.join(dir, "29990101000000_broken");
    cpSync(path.join(dir, readMigrations(provider, dir)[0]!.name), broken, { recursive: true });
    writeFileSync(path.join(broken, "migration.sql"), 'CREATE TABLE "half_done" ("id" INTEGER);\nTHIS IS NOT SQL;\n');
    const db = await createEmptyDatabase(provider);
    try {
      await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(MigrationError);
      await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
        /29990101000000_broken failed and was rolled back/,
      );
      const catalog = await catalogOf(provider, db.url);
      expect(catalog).not.toHaveProperty("half_done");
      expect(catalog).toHaveProperty("surveys");
      expect((await appliedRows(provider, db.url)).map((r) => r.migration_name)).not.toContain("29990101000000_broken");
    } finally {
      await db.drop();
    }
  });
});
