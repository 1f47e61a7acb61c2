// A provider-neutral description of a database's schema (tables, columns,
// indexes, foreign keys), so two databases can be compared for drift.
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { sqlitePathOf } from "../../src/db/client.js";

export type Catalog = Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }>;

const IGNORED = new Set(["_prisma_migrations"]);

export function sqliteCatalog(url: string): Catalog {
  const db = new BetterSqlite3(sqlitePathOf(url), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const catalog: Catalog = {};
    for (const { name } of tables) {
      if (IGNORED.has(name)) continue;
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as Record<string, unknown>[]).map(
        (c) => `${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`,
      );
      const indexes = (
        db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[]
      )
        .map((i) => {
          const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name);
          return `${i.name} unique=${i.unique} origin=${i.origin} (${cols.join(", ")})`;
        })
        .sort();
      const foreignKeys = (db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as Record<string, unknown>[])
        .map((f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete} on update ${f.on_update}`)
        .sort();
      catalog[name] = { columns, indexes, foreignKeys };
    }
    return catalog;
  } finally {
    db.close();
  }
}

export async function postgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<Record<string, string>>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const { rows: indexes } = await client.query<Record<string, string>>(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
    );
    const { rows: constraints } = await client.query<Record<string, string>>(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' ORDER BY 1, 2`,
    );
    const catalog: Catalog = {};
    const table = (name: string) => (catalog[name.replace(/"/g, "")] ??= { columns: [], indexes: [], foreignKeys: [] });
    for (const c of columns) {
      if (IGNORED.has(c.table_name!)) continue;
      table(c.table_name!).columns.push(
        `${c.column_name} ${c.data_type} nullable=${c.is_nullable} default=${c.column_default}`,
      );
    }
    for (const i of indexes) if (!IGNORED.has(i.tablename!)) table(i.tablename!).indexes.push(i.indexdef!);
    for (const k of constraints) {
      if (!IGNORED.has(k.table_name!.replace(/"/g, ""))) table(k.table_name!).foreignKeys.push(`${k.conname} ${k.def}`);
    }
    return catalog;
  } finally {
    await client.end();
  }
}
