// Step 2 of an import: which column fills which field. Checked so that every
// agency can be created (name, state and type are mapped) and found again on a
// later import (ORI or contact email is mapped), and no field has two columns.
import type { DbOrTx } from "../db/client.js";
import {
  IMPORT_FIELDS,
  fieldLabel,
  isImportFieldKey,
  type ColumnMapping,
  type ImportFieldKey,
} from "./import-fields.js";
import { loadPendingImport, savePendingMapping, type PendingImport } from "./import-store.js";

export type MappingErrors = { columns: Record<number, string>; general: { column: number; message: string }[] };

export type SaveMappingResult =
  { ok: true } | { ok: false; pending: PendingImport; submitted: (string | null)[]; errors: MappingErrors };

export const columnField = (index: number) => `column-${index}`;

export function readMappingForm(body: Record<string, unknown>, columns: number) {
  const submitted: (string | null)[] = [];
  const errors: MappingErrors = { columns: {}, general: [] };
  for (let i = 0; i < columns; i++) {
    const value = body[columnField(i)];
    const text = typeof value === "string" ? value : "";
    submitted.push(text || null);
    if (text && !isImportFieldKey(text))
      errors.columns[i] = "Choose one of the fields in the list, or “Ignore this column”";
  }
  const mapping: ColumnMapping = submitted.map((v) => (isImportFieldKey(v) ? v : null));
  const columnsOf = (key: ImportFieldKey) => mapping.flatMap((k, i) => (k === key ? [i] : []));
  for (const { key, required } of IMPORT_FIELDS) {
    const chosen = columnsOf(key);
    if (required && chosen.length === 0) {
      errors.general.push({ column: 0, message: `Choose the column that holds the ${fieldLabel(key).toLowerCase()}` });
    }
    if (chosen.length > 1) {
      for (const i of chosen) errors.columns[i] = `${fieldLabel(key)} is chosen for more than one column: keep one`;
    }
  }
  if (columnsOf("ori").length === 0 && columnsOf("contactEmail").length === 0) {
    errors.general.push({
      column: 0,
      message: "Choose a column for the ORI or the contact email, so that a later import can find these agencies again",
    });
  }
  return { mapping, submitted, errors };
}

export async function saveImportMapping(options: {
  db: DbOrTx;
  importId: string;
  userId: number;
  body: Record<string, unknown>;
  now: Date;
}): Promise<SaveMappingResult> {
  const { db, importId, userId, body, now } = options;
  const { pending } = await loadPendingImport({ db, id: importId, userId, now });
  const { mapping, submitted, errors } = readMappingForm(body, pending.sheet.headers.length);
  if (Object.keys(errors.columns).length || errors.general.length) return { ok: false, pending, submitted, errors };
  await savePendingMapping({ db, id: importId, mapping });
  return { ok: true };
}
