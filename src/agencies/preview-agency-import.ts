// The preview of an import: every row classified against the agencies stored
// now, the counts, and a fingerprint of the outcome. The commit classifies
// again and applies only if the fingerprint still matches, so nothing is
// applied that the coordinator did not see.
import { createHash } from "node:crypto";
import type { DbOrTx } from "../db/client.js";
import { classifyImportRows, type RowAction, type RowOutcome, type StoredAgency } from "./classify-import-rows.js";
import type { ColumnMapping } from "./import-fields.js";
import { loadPendingImport, type PendingImport } from "./import-store.js";

export type ImportCounts = Record<RowAction, number> & { rows: number; blankRows: number };

export type ImportPreview = {
  pending: PendingImport;
  mapping: ColumnMapping;
  outcomes: RowOutcome[];
  counts: ImportCounts;
  fingerprint: string;
};

export async function loadStoredAgencies(db: DbOrTx): Promise<StoredAgency[]> {
  return db.agency.findMany({
    select: {
      id: true,
      name: true,
      ori: true,
      state: true,
      agencyType: true,
      swornOfficers: true,
      populationServed: true,
      contactName: true,
      contactTitle: true,
      contactEmail: true,
    },
  });
}

export function classifyPending(pending: PendingImport, mapping: ColumnMapping, stored: StoredAgency[]) {
  const outcomes = classifyImportRows({
    rows: pending.sheet.rows,
    rowNumbers: pending.sheet.rowNumbers,
    mapping,
    stored,
  });
  const counts: ImportCounts = {
    rows: outcomes.length,
    blankRows: pending.sheet.blankRows,
    create: 0,
    update: 0,
    unchanged: 0,
    reject: 0,
  };
  for (const o of outcomes) counts[o.action] += 1;
  const hash = createHash("sha256");
  for (const o of outcomes) hash.update(JSON.stringify([o.rowNumber, o.action, o.agencyId ?? null, o.changes]));
  return { outcomes, counts, fingerprint: hash.digest("base64url") };
}

export async function previewAgencyImport(options: {
  db: DbOrTx;
  importId: string;
  userId: number;
  now: Date;
}): Promise<ImportPreview | null> {
  const { pending, mapping } = await loadPendingImport({
    db: options.db,
    id: options.importId,
    userId: options.userId,
    now: options.now,
  });
  // null: the columns are not mapped yet, so there is nothing to preview.
  if (!mapping) return null;
  return { pending, mapping, ...classifyPending(pending, mapping, await loadStoredAgencies(options.db)) };
}
