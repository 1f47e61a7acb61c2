// A plain-driver connection for the hot writes (saving a survey page, the
// outbox worker's claims and send outcomes), beside Prisma, whose client engine
// compiles every query at run time and runs an interactive transaction across
// many event-loop turns.
//
// A transaction is written once, as a generator that yields its statements
// (see `statement`) and gets each one's result back:
// - on SQLite it runs synchronously inside one better-sqlite3 transaction on a
//   connection of its own (BEGIN IMMEDIATE), so it never holds the write lock
//   across event-loop turns. The connection waits for no lock (busy timeout 0):
//   when another connection (Prisma's) holds it, the whole transaction is
//   tried again a little later, and the event loop is never blocked waiting.
// - on PostgreSQL each statement is awaited on one pooled client between BEGIN
//   and COMMIT (ROLLBACK when the generator or a statement throws).
// Throwing from the generator rolls everything back on both.
// SQL uses `?` placeholders and must be covered by tests on both providers.
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { numberedPlaceholders, openPostgresPool } from "./postgres-pool.js";
import { readsOn, type ReadConnection } from "./read-connection.js";
import type { Provider } from "./schema-files.js";
import { statementCache } from "./statement-cache.js";

export type Statement = { sql: string; params: readonly unknown[] };
export type StatementResult = { rows: Record<string, unknown>[]; changes: number };
/** A transaction's body: yields statements, gets their results, returns its outcome. */
export type TransactionBody<T> = Generator<Statement, T, StatementResult>;

export function statement(sql: string, params: readonly unknown[] = []): Statement {
  return { sql, params };
}

export type WriteConnection = {
  transaction<T>(body: () => TransactionBody<T>): Promise<T>;
  /**
   * On SQLite, reads on this same connection, between its transactions. A
   * connection's page cache is dropped whenever another connection commits, so
   * a separate reader pays tens of microseconds to read its pages again after
   * every save; the writer's own cache survives its own commits. (Its
   * transactions are synchronous, so a read never lands inside one.)
   * On PostgreSQL there is no such cache to keep: null.
   */
  reads: ReadConnection | null;
  close(): Promise<void>;
};

// Tried again for up to about 10 s, as long as Prisma's own connection waits for a lock.
const BUSY_RETRIES = 200;
const backoffMs = (attempt: number) => Math.min(50, 2 ** attempt) * (0.5 + Math.random());

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown }).code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");

function sqliteWriter(file: string): WriteConnection {
  const db = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  // Per-connection settings, as Prisma's connection has them (client.ts).
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  const prepared = statementCache<BetterSqlite3.Statement>();
  const execute = ({ sql, params }: Statement): StatementResult => {
    let compiled = prepared.get(sql);
    if (!compiled) {
      compiled = db.prepare(sql);
      prepared.set(sql, compiled);
    }
    if (compiled.reader) return { rows: compiled.all(...params) as Record<string, unknown>[], changes: 0 };
    return { rows: [], changes: compiled.run(...params).changes };
  };
  const inTransaction = db.transaction(<T>(body: () => TransactionBody<T>): T => {
    const steps = body();
    let step = steps.next();
    while (!step.done) step = steps.next(execute(step.value));
    return step.value;
  });
  return {
    async transaction<T>(body: () => TransactionBody<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          // IMMEDIATE takes the write lock at BEGIN: busy then, or never.
          return inTransaction.immediate(body) as T;
        } catch (error) {
          if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
          await sleep(backoffMs(attempt));
        }
      }
    },
    reads: { ...readsOn(db), close: async () => undefined },
    async close() {
      db.close();
    },
  };
}

function postgresWriter(url: string): WriteConnection {
  const pool = openPostgresPool(url);
  const textOf = numberedPlaceholders();
  return {
    async transaction<T>(body: () => TransactionBody<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const steps = body();
        let step = steps.next();
        while (!step.done) {
          const result = await client.query(textOf(step.value.sql), [...step.value.params]);
          step = steps.next({ rows: result.rows as Record<string, unknown>[], changes: result.rowCount ?? 0 });
        }
        await client.query("COMMIT");
        return step.value;
      } catch (error) {
        // A client that cannot even roll back is dropped from the pool, not reused.
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    reads: null,
    close: () => pool.end(),
  };
}

export function openWriteConnection(provider: Provider, target: string): WriteConnection {
  const connection = provider === "sqlite" ? sqliteWriter(target) : postgresWriter(target);
  let closed: Promise<void> | undefined;
  // Closing twice (a test's cleanup after a shutdown) is harmless.
  return {
    transaction: connection.transaction,
    reads: connection.reads,
    close: () => (closed ??= connection.close()),
  };
}
