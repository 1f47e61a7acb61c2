// A plain-driver connection for the hot read paths (an agency's page), beside
// Prisma. Prisma 6.19's client engine compiles every query, which costs
// milliseconds per query here; these reads run in microseconds. Writes stay
// with Prisma, except the hot ones (write-connection.ts).
// SQL written for it uses `?` placeholders and must be covered by tests on both providers.
import BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { numberedPlaceholders, openPostgresPool } from "./postgres-pool.js";
import type { Provider } from "./schema-files.js";
import { statementCache } from "./statement-cache.js";

export type ReadConnection = {
  /** Whose SQL it speaks, for the few queries written for each. */
  dialect: Provider;
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows as arrays of values in the order selected: no object is built per row (the hottest reads). */
  rows(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
};

function sqliteReader(file: string): ReadConnection {
  // Read-only and in WAL mode: it never blocks, and never is blocked by, the writer.
  // Not memory-mapped (unlike Prisma's connection, whose GROUP BYs scan whole
  // indexes): its reads are point lookups and keyset pages, which mmap hardly
  // speeds up, and every mapped page an export reads as it walks the answers
  // table would count in the process's resident memory (file-backed pages the
  // kernel may drop, but counted all the same), up to the 256 MiB map.
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  return {
    ...readsOn(db),
    close: async () => {
      db.close();
    },
  };
}

/** Reads through an open better-sqlite3 connection, with its statements prepared once. */
export function readsOn(db: BetterSqlite3.Database): Pick<ReadConnection, "all" | "rows" | "dialect"> {
  // A statement returns objects or arrays (raw) for good, so each way has its own.
  const caches = {
    objects: statementCache<BetterSqlite3.Statement>(),
    arrays: statementCache<BetterSqlite3.Statement>(),
  };
  const prepared = (sql: string, raw: boolean) => {
    const cache = raw ? caches.arrays : caches.objects;
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(raw);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: "sqlite",
    async all<T extends object>(sql: string, params: readonly unknown[] = []) {
      return prepared(sql, false).all(...params) as T[];
    },
    async rows(sql: string, params: readonly unknown[] = []) {
      return prepared(sql, true).all(...params) as unknown[][];
    },
  };
}

function postgresReader(url: string): ReadConnection {
  const pool = openPostgresPool(url);
  const textOf = numberedPlaceholders();
  return {
    dialect: "postgresql",
    async all<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query<T & pg.QueryResultRow>(textOf(sql), [...params])).rows;
    },
    async rows(sql: string, params: readonly unknown[] = []) {
      return (await pool.query<unknown[]>({ text: textOf(sql), values: [...params], rowMode: "array" })).rows;
    },
    close: () => pool.end(),
  };
}

export function openReadConnection(provider: Provider, target: string): ReadConnection {
  const connection = provider === "sqlite" ? sqliteReader(target) : postgresReader(target);
  let closed: Promise<void> | undefined;
  // Closing twice (a test's cleanup after a shutdown) is harmless.
  return {
    dialect: connection.dialect,
    all: connection.all,
    rows: connection.rows,
    close: () => (closed ??= connection.close()),
  };
}

/** Values as both drivers return them: SQLite gives ISO text, 0/1 and sometimes bigint; pg gives Date and boolean. */
export const read = {
  date: (v: unknown): Date | null =>
    v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)),
  int: (v: unknown): number => Number(v),
  intOrNull: (v: unknown): number | null => (v === null || v === undefined ? null : Number(v)),
  bool: (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "t",
  text: (v: unknown): string => (v === null || v === undefined ? "" : String(v)),
  textOrNull: (v: unknown): string | null => (v === null || v === undefined ? null : String(v)),
};
