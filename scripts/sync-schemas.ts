// Writes prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma: the
// models are shared word for word, only the generator output and provider differ.
// `--check` exits 1 if the committed PostgreSQL schema is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { postgresqlSchemaFrom, schemaPaths } from "../src/db/schema-files.js";

const expected = postgresqlSchemaFrom(readFileSync(schemaPaths.sqlite, "utf8"));
if (process.argv.includes("--check")) {
  if (readFileSync(schemaPaths.postgresql, "utf8") !== expected) {
    console.error("prisma/postgresql/schema.prisma is out of date: run npm run db:schema");
    process.exit(1);
  }
} else {
  writeFileSync(schemaPaths.postgresql, expected);
  console.log("wrote", schemaPaths.postgresql);
}
