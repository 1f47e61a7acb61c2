// express-rate-limit's Store in our database, so every app instance counts
// against one budget per key (the memory store gave each process its own).
// A hit is one statement: an upsert that starts a new window when the old one
// has ended, so racing hits from several instances are counted exactly (SQLite
// and PostgreSQL both apply INSERT ... ON CONFLICT DO UPDATE atomically).
// Identifiers are quoted: "key" is a keyword in SQLite.
import type { IncrementResponse, Options, Store } from "express-rate-limit";
import type { DbOrTx } from "../db/client.js";
import { Prisma } from "../generated/sqlite/client.js";

type Row = { hits: number | bigint; reset_at: Date | string | number };

function dateOf(value: Row["reset_at"]): Date {
  return value instanceof Date ? value : new Date(value);
}

export class DatabaseRateLimitStore implements Store {
  /** Counters are in the database, shared by every instance. */
  readonly localKeys = false;
  private windowMs: number;
  private lastCleanup = 0;

  constructor(
    private readonly db: DbOrTx,
    /** Keeps each limiter's keys apart in the one table. */
    readonly prefix: string,
    options: { windowMs?: number } = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = new Date();
    const resetAt = new Date(now.getTime() + this.windowMs);
    const rows = await this.db.$queryRaw<Row[]>(Prisma.sql`
      INSERT INTO "rate_limits" ("key", "hits", "reset_at", "created_at", "updated_at")
      VALUES (${this.prefix + key}, 1, ${resetAt}, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "rate_limits"."reset_at" <= ${now} THEN 1 ELSE "rate_limits"."hits" + 1 END,
        "reset_at" = CASE WHEN "rate_limits"."reset_at" <= ${now} THEN ${resetAt} ELSE "rate_limits"."reset_at" END,
        "updated_at" = ${now}
      RETURNING "hits", "reset_at"`);
    await this.cleanUpNowAndThen(now);
    const row = rows[0]!;
    return { totalHits: Number(row.hits), resetTime: dateOf(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    const now = new Date();
    await this.db.$executeRaw(Prisma.sql`
      UPDATE "rate_limits" SET "hits" = "hits" - 1, "updated_at" = ${now}
      WHERE "key" = ${this.prefix + key} AND "hits" > 0 AND "reset_at" > ${now}`);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.$executeRaw(Prisma.sql`DELETE FROM "rate_limits" WHERE "key" = ${this.prefix + key}`);
  }

  /** Ended windows are only clutter: delete them, at most once per window per store. */
  private async cleanUpNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastCleanup < this.windowMs) return;
    this.lastCleanup = now.getTime();
    await this.db.$executeRaw(Prisma.sql`DELETE FROM "rate_limits" WHERE "reset_at" <= ${now}`);
  }
}
