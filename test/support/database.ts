// A fresh, migrated database for one test file: a temporary SQLite file, or a
// new PostgreSQL database when TEST_POSTGRES_URL is set (dropped afterwards).
import { afterAll, beforeAll } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import type { Provider } from "../../src/db/schema-files.js";

export const testProvider: Provider = process.env.TEST_POSTGRES_URL ? "postgresql" : "sqlite";

export type TestDatabase = { url: string; provider: Provider; drop(): Promise<void> };

/** An empty database (not migrated) of the provider under test, or of the one asked for. */
export async function createEmptyDatabase(provider: Provider = testProvider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lesm-test-"));
    return {
      url: `file:${path.join(dir, "test.db")}`,
      provider,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `lesm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    provider,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export type MigratedDatabase = { db: Database; url: string; cleanup(): Promise<void> };

export async function createTestDatabase(provider: Provider = testProvider): Promise<MigratedDatabase> {
  const empty = await createEmptyDatabase(provider);
  await migrate(empty.url);
  const db = await openDatabase(empty.url);
  return {
    db,
    url: empty.url,
    cleanup: async () => {
      await db.close();
      await empty.drop();
    },
  };
}

/** For one test file: a migrated database made before its tests (handed to `opened`) and dropped after them. */
export function useTestDatabase(opened: (db: Database) => void): void {
  let database: MigratedDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    opened(database.db);
  });
  afterAll(() => database?.cleanup());
}
