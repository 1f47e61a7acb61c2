// An upload waits here between the steps of an import (mapping, preview,
// commit). It is kept in the database's settings table rather than in memory,
// so an import survives a restart and works whichever app instance serves the
// next step, like sessions do; the table needs no schema change for it. The
// rows are stored once; the mapping is a second, small setting beside them.
// Imports expire after IMPORT_TTL_MS and are swept when the next one starts.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { isImportFieldKey, type ColumnMapping } from "./import-fields.js";
import type { SheetData } from "./read-spreadsheet.js";

export const IMPORT_TTL_MS = 12 * 60 * 60 * 1000;
const PREFIX = "agency_import:";

export type PendingImport = { id: string; userId: number; fileName: string; sheet: SheetData };

const stored = z.object({
  userId: z.number().int(),
  fileName: z.string(),
  sheet: z.object({
    headers: z.array(z.string()),
    rowNumbers: z.array(z.number().int()),
    rows: z.array(z.array(z.string())),
    headerRow: z.number().int(),
    blankRows: z.number().int(),
    notes: z.array(z.string()),
  }),
});
const storedMapping = z.array(z.string().nullable());

const dataKey = (id: string) => `${PREFIX}${id}`;
const mappingKey = (id: string) => `${PREFIX}${id}:mapping`;

export function looksLikeImportId(value: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(value);
}

const notFound = () =>
  new AppError(
    "not_found",
    "This import is not available",
    "It may have been applied or cancelled already, or it belongs to another coordinator. Start a new import.",
  );

export async function savePendingImport(options: {
  db: DbOrTx;
  userId: number;
  fileName: string;
  sheet: SheetData;
  now: Date;
}): Promise<string> {
  const { db, userId, fileName, sheet, now } = options;
  await db.setting.deleteMany({
    where: { key: { startsWith: PREFIX }, createdAt: { lt: new Date(now.getTime() - IMPORT_TTL_MS) } },
  });
  const id = randomBytes(18).toString("base64url");
  await db.setting.create({ data: { key: dataKey(id), value: JSON.stringify({ userId, fileName, sheet }) } });
  return id;
}

/** The import and its mapping so far; 404 unless it exists and is the user's, 410 once expired. */
export async function loadPendingImport(options: {
  db: DbOrTx;
  id: string;
  userId: number;
  now: Date;
}): Promise<{ pending: PendingImport; mapping: ColumnMapping | null }> {
  const { db, id, userId, now } = options;
  if (!looksLikeImportId(id)) throw notFound();
  const row = await db.setting.findUnique({ where: { key: dataKey(id) } });
  const parsed = row ? stored.safeParse(JSON.parse(row.value)) : undefined;
  if (!row || !parsed?.success || parsed.data.userId !== userId) throw notFound();
  if (row.createdAt.getTime() + IMPORT_TTL_MS <= now.getTime()) {
    throw new AppError(
      "gone",
      "This import has expired",
      `Uploaded files are kept for ${IMPORT_TTL_MS / 3_600_000} hours. Upload the file again to start over.`,
    );
  }
  const mappingRow = await db.setting.findUnique({ where: { key: mappingKey(id) } });
  const mapping = mappingRow ? storedMapping.safeParse(JSON.parse(mappingRow.value)) : undefined;
  const columns = parsed.data.sheet.headers.length;
  const usable =
    mapping?.success && mapping.data.length === columns && mapping.data.every((k) => k === null || isImportFieldKey(k));
  return {
    pending: { id, ...parsed.data },
    mapping: usable ? (mapping.data as ColumnMapping) : null,
  };
}

export async function savePendingMapping(options: { db: DbOrTx; id: string; mapping: ColumnMapping }): Promise<void> {
  const { db, id, mapping } = options;
  const value = JSON.stringify(mapping);
  await db.setting.upsert({
    where: { key: mappingKey(id) },
    create: { key: mappingKey(id), value },
    update: { value },
  });
}

/** Removes the import; the count tells a commit whether it was still there (0: applied or cancelled meanwhile). */
export async function discardPendingImport(options: { db: DbOrTx; id: string }): Promise<number> {
  const { count } = await options.db.setting.deleteMany({
    where: { key: { in: [dataKey(options.id), mappingKey(options.id)] } },
  });
  return count;
}
