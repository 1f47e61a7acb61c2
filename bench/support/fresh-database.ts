// A new, empty database for one benchmark run: a SQLite file in `dir`, or, with
// a PostgreSQL admin URL, a database of its own on that server, dropped after.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

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
