// Prisma CLI configuration for the PostgreSQL schema (see the SQLite one for why
// a driver adapter is configured).
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

// The schema's datasource reads DATABASE_URL; without one the CLI cannot read the
// generator block and falls back to downloading engines, so give it a harmless default.
if (!process.env.DATABASE_URL?.startsWith("postgres")) {
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
}

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
} satisfies PrismaConfig;
