// A Prisma.sql fragment as a statement for the plain-driver write connection
// (write-connection.ts), so SQL composed with Prisma.sql and Prisma.join can run
// there unchanged: the same text with `?` placeholders, and dates bound as text
// in the format Prisma stores them (neither driver binds a Date that way itself).
import type { Prisma } from "../generated/sqlite/client.js";
import { timestamp } from "./timestamp.js";
import { statement, type Statement } from "./write-connection.js";

export function statementOf(sql: Prisma.Sql): Statement {
  return statement(
    sql.sql,
    sql.values.map((v) => (v instanceof Date ? timestamp(v) : v)),
  );
}
