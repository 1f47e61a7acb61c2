// Where each provider's schema and migrations live, and how the PostgreSQL
// schema is derived from the SQLite one (the single source of the models).
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

const prismaDir = path.resolve(import.meta.dirname, "..", "..", "prisma");

export const schemaPaths: Record<Provider, string> = {
  sqlite: path.join(prismaDir, "sqlite", "schema.prisma"),
  postgresql: path.join(prismaDir, "postgresql", "schema.prisma"),
};

export const migrationsDirs: Record<Provider, string> = {
  sqlite: path.join(prismaDir, "sqlite", "migrations"),
  postgresql: path.join(prismaDir, "postgresql", "migrations"),
};

const MODELS_MARKER = "// ---- models";

/** The part of a schema file that both providers share: everything from the models marker on. */
export function modelsOf(schema: string): string {
  const at = schema.indexOf(MODELS_MARKER);
  if (at < 0) throw new Error(`schema has no "${MODELS_MARKER}" line`);
  return schema.slice(at);
}

export function postgresqlSchemaFrom(sqliteSchema: string): string {
  const header = sqliteSchema
    .slice(0, sqliteSchema.indexOf(MODELS_MARKER))
    .replace(/^\/\/ This file is the source:[\s\S]*?\n\n/m, GENERATED_NOTE)
    .replace(
      'output              = "../../src/generated/sqlite"',
      'output              = "../../src/generated/postgresql"',
    )
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  return header + modelsOf(sqliteSchema);
}

const GENERATED_NOTE =
  "// GENERATED from prisma/sqlite/schema.prisma by `npm run db:schema`: edit that file,\n" +
  "// not this one. Only this header differs; the models are shared word for word.\n\n";
