// Prisma CLI configuration for the SQLite schema. The CLI runs its WASM schema
// engine through a driver adapter, so no native engine binary is ever downloaded.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";

// The schema's datasource reads DATABASE_URL; without one the CLI cannot read the
// generator block and falls back to downloading engines, so give it a harmless default.
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = "file::memory:";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file::memory:" });
  },
} satisfies PrismaConfig;
