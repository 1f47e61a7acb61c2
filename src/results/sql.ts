// Portable SQL fragments for the results queries. Prisma's sql tag renders
// placeholders for the client's own provider (? on SQLite, $1 on PostgreSQL),
// so one fragment serves both; every query here is tested on both.
import { Prisma } from "../generated/sqlite/client.js";

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const join = Prisma.join;
export const raw = Prisma.raw;

/** A predicate with a key, so that repeated conditions are written once. */
export type Predicate = { key: string; sql: Sql } | "true";

const keyOf = (fragment: Sql) => `${fragment.sql}|${JSON.stringify(fragment.values)}`;

export function predicate(fragment: Sql): Predicate {
  return { key: keyOf(fragment), sql: fragment };
}

/** AND of the parts, each distinct part once; no parts is true. */
export function allOf(parts: readonly Predicate[]): Predicate {
  const seen = new Map<string, Sql>();
  for (const part of parts) {
    if (part === "true") continue;
    // flatten nested ANDs so that shared conditions are deduplicated across levels
    for (const [key, fragment] of conjunctsOf(part)) seen.set(key, fragment);
  }
  if (seen.size === 0) return "true";
  if (seen.size === 1) return predicate([...seen.values()][0]!);
  return andPredicate(seen);
}

const conjuncts = new WeakMap<Sql, Map<string, Sql>>();

function andPredicate(parts: Map<string, Sql>): Predicate {
  const fragment = sql`(${join([...parts.values()], " AND ")})`;
  conjuncts.set(fragment, parts);
  return { key: [...parts.keys()].sort().join(" && "), sql: fragment };
}

function conjunctsOf(part: { key: string; sql: Sql }): Map<string, Sql> {
  return conjuncts.get(part.sql) ?? new Map([[part.key, part.sql]]);
}

export function anyOf(parts: readonly Predicate[]): Predicate {
  if (parts.some((p) => p === "true")) return "true";
  const fragments = parts.filter((p): p is { key: string; sql: Sql } => p !== "true").map((p) => p.sql);
  if (fragments.length === 0) return predicate(sql`1 = 0`);
  return predicate(sql`(${join(fragments, " OR ")})`);
}

export function not(part: Predicate): Predicate {
  return part === "true" ? predicate(sql`1 = 0`) : predicate(sql`NOT ${part.sql}`);
}

export function sqlOf(part: Predicate): Sql {
  return part === "true" ? sql`1 = 1` : part.sql;
}

/** COUNT(*) and friends come back as bigint on PostgreSQL, numbers on SQLite, Decimal for AVG. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
