// Step 1 of an import: read the uploaded file and keep its rows for the next steps.
import type { DbOrTx } from "../db/client.js";
import { savePendingImport } from "./import-store.js";
import { readSpreadsheet } from "./read-spreadsheet.js";
import { ImportFileError } from "./spreadsheet-limits.js";

export type StartImportResult = { ok: true; importId: string } | { ok: false; error: string };

export async function startAgencyImport(options: {
  db: DbOrTx;
  userId: number;
  fileName: string;
  buffer: Buffer;
  now: Date;
}): Promise<StartImportResult> {
  const { db, userId, fileName, buffer, now } = options;
  try {
    const sheet = await readSpreadsheet({ buffer, fileName });
    return { ok: true, importId: await savePendingImport({ db, userId, fileName, sheet, now }) };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, error: error.message };
    throw error;
  }
}
