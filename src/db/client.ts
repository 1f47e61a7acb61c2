// Opens the database named by DATABASE_URL with the matching Prisma client and
// driver adapter: better-sqlite3 for file: URLs, pg for postgresql:// URLs.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client.js";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { openReadConnection, type ReadConnection } from "./read-connection.js";
import { openWriteConnection, type WriteConnection } from "./write-connection.js";
import type { Provider } from "./schema-files.js";

/**
 * The client type the services use. Both generated clients come from the same
 * models (a test keeps the two schemas identical), so they share one API.
 */
export type Db = SqliteClient;

/** A transaction client or the root client: services accept either. */
export type DbOrTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Database = {
  prisma: Db;
  /** Plain-driver reads for the hot paths (see read-connection.ts). */
  read: ReadConnection;
  /** Plain-driver reads for agencies' pages: the write connection's own on SQLite (see WriteConnection.reads), `read` on PostgreSQL. */
  pages: ReadConnection;
  /** Plain-driver transactions for the hot writes: saving a survey page, the outbox's claims and outcomes (see write-connection.ts). */
  write: WriteConnection;
  provider: Provider;
  url: string;
  close(): Promise<void>;
};

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got ${JSON.stringify(url)})`);
}

/** The file path of a file: URL, relative paths taken from the working directory. */
export function sqlitePathOf(url: string): string {
  const raw = url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
  return raw === ":memory:" ? raw : path.resolve(raw);
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqlitePathOf(url);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    const prisma = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
    // WAL lets readers and the writer work at once; foreign keys are off by default in SQLite.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    // Memory-mapped reads: large GROUP BYs over the answers read pages without copying them.
    await prisma.$queryRawUnsafe("PRAGMA mmap_size = 268435456");
    const read = openReadConnection("sqlite", file);
    const write = openWriteConnection("sqlite", file);
    const close = async () => (await read.close(), await write.close(), await prisma.$disconnect());
    return { prisma, read, pages: write.reads ?? read, write, provider, url, close };
  }
  const pg = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  await pg.$connect();
  const prisma = pg as unknown as Db;
  const read = openReadConnection("postgresql", url);
  const write = openWriteConnection("postgresql", url);
  const close = async () => (await read.close(), await write.close(), await pg.$disconnect());
  return { prisma, read, pages: read, write, provider, url, close };
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
