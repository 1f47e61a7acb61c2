// express-session's store, kept in our database through Prisma: sessions
// survive a restart and are shared by every app instance on PostgreSQL.
import session from "express-session";
import type { DbOrTx } from "../db/client.js";

type Callback<T = void> = (err?: unknown, value?: T) => void;

export class PrismaSessionStore extends session.Store {
  constructor(
    private readonly db: DbOrTx,
    private readonly fallbackTtlMs: number,
  ) {
    super();
  }

  private expiryOf(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.fallbackTtlMs);
  }

  private userIdOf(data: session.SessionData): number | null {
    const user = (data as { passport?: { user?: unknown } }).passport?.user;
    return typeof user === "number" ? user : null;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.db.session
      .findUnique({ where: { id: sid } })
      .then((row) => {
        if (!row || row.expiresAt <= new Date()) return callback(undefined, null);
        callback(undefined, JSON.parse(row.data) as session.SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const fields = { data: JSON.stringify(data), expiresAt: this.expiryOf(data), userId: this.userIdOf(data) };
    this.db.session
      .upsert({ where: { id: sid }, create: { id: sid, ...fields }, update: fields })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db.session
      .deleteMany({ where: { id: sid } })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    this.db.session
      .updateMany({ where: { id: sid }, data: { expiresAt: this.expiryOf(data) } })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  /** Deletes expired sessions; run now and then. */
  async prune(now = new Date()): Promise<number> {
    return (await this.db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
