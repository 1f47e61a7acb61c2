// A Prisma.sql fragment as a statement for the plain-driver write connection
// (write-connection.ts), so SQL composed with Prisma.sql and Prisma.join can run
// there unchanged: the same text with `?` placeholders, and dates bound as text
// in the format Prisma stores them (neither driver binds a Date that way itself).
//
// Work written once as `SqlSteps` (a generator yielding Prisma.sql statements
// and getting their rows back) runs through a Prisma client (also inside a
// caller's Prisma transaction), on the plain read connection, or as part of a
// write-connection transaction.
import type { Prisma } from "../generated/sqlite/client.js";
import type { DbOrTx } from "./client.js";
import type { ReadConnection } from "./read-connection.js";
import { timestamp } from "./timestamp.js";
import { statement, type Statement, type TransactionBody } from "./write-connection.js";

export type Row = Record<string, unknown>;
/** Statements that return rows (SELECT, or INSERT ... RETURNING), each getting its rows back. */
export type SqlSteps<T> = Generator<Prisma.Sql, T, Row[]>;

export function statementOf(sql: Prisma.Sql): Statement {
  // A multi-row INSERT binds the same few dates on every row: each is formatted once.
  const formatted = new Map<Date, string>();
  const format = (date: Date) => {
    let text = formatted.get(date);
    if (text === undefined) formatted.set(date, (text = timestamp(date)));
    return text;
  };
  return statement(
    sql.sql,
    sql.values.map((v) => (v instanceof Date ? format(v) : v)),
  );
}

/** Runs the steps through Prisma (the root client or a transaction client). */
export async function runOnPrisma<T>(db: DbOrTx, steps: SqlSteps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await db.$queryRaw<Row[]>(step.value));
  return step.value;
}

/** Runs reading steps on the plain read connection. */
export async function runOnReader<T>(read: ReadConnection, steps: SqlSteps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    const { sql, params } = statementOf(step.value);
    step = steps.next(await read.all<Row>(sql, params));
  }
  return step.value;
}

/** The steps inside a write-connection transaction: `yield* onWriteConnection(steps)`. */
export function* onWriteConnection<T>(steps: SqlSteps<T>): TransactionBody<T> {
  let step = steps.next();
  while (!step.done) step = steps.next((yield statementOf(step.value)).rows);
  return step.value;
}
