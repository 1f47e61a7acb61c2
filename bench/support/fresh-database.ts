// A new, empty database for one benchmark run: a SQLite file in `dir`, or, with
// a PostgreSQL admin URL, a database of its own on that server, dropped after.
import { randomBytes } from "node:crypto";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { sqlitePathOf } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";

export async function freshDatabase(options: {
  dir: string;
  name: string;
  postgres?: string;
}): Promise<{ url: string; drop(): Promise<void> }> {
  const { dir, name, postgres } = options;
  if (!postgres) return { url: `file:${path.join(dir, `${name}.db`)}`, drop: async () => {} };
  const db = `lesm_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE "${db}"`);
  const url = new URL(postgres);
  url.pathname = `/${db}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`) };
}

/** A migrated SQLite file in `dir` opened with the plain driver, as a baseline writes to it (WAL, synchronous NORMAL). */
export async function plainSqlite(dir: string, name: string): Promise<BetterSqlite3.Database> {
  const target = `file:${path.join(dir, `${name}.db`)}`;
  await migrate(target);
  const db = new BetterSqlite3(sqlitePathOf(target));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  return db;
}
