// Applies an import in one transaction: every accepted row or none. The rows
// are classified again inside the transaction; if the outcome differs from
// the preview the coordinator saw (someone edited an agency meanwhile), nothing
// is written and the coordinator sees the new preview instead.
import { recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { discardPendingImport, loadPendingImport } from "./import-store.js";
import { insertAgencies, recordUpdateEvents, updateAgencies } from "./write-agency-rows.js";
import { classifyPending, loadStoredAgencies, type ImportCounts } from "./preview-agency-import.js";

export type CommitResult = { ok: true; auditEventId: number; counts: ImportCounts } | { ok: false; changed: true };

export const IMPORT_AUDIT_ACTION = "agencies.imported";

class PreviewChanged extends Error {}

export async function commitAgencyImport(options: {
  db: Db;
  importId: string;
  userId: number;
  fingerprint: string;
  ip: string;
  now: Date;
}): Promise<CommitResult> {
  const { db, importId, userId, fingerprint, ip, now } = options;
  const { pending, mapping } = await loadPendingImport({ db, id: importId, userId, now });
  if (!mapping) throw new AppError("bad_request", "Choose the columns first", "This import has no column mapping yet.");
  try {
    return await db.$transaction(
      async (tx) => {
        // Taking the import first means a second click on "Import" waits here, then finds it gone.
        if ((await discardPendingImport({ db: tx, id: importId })) === 0) {
          throw new AppError("conflict", "This import has already been applied", "Its result is in the audit log.");
        }
        const {
          outcomes,
          counts,
          fingerprint: current,
        } = classifyPending(pending, mapping, await loadStoredAgencies(tx));
        if (current !== fingerprint) throw new PreviewChanged();
        const updates = outcomes.filter((o) => o.action === "update");
        await insertAgencies(
          tx,
          outcomes.filter((o) => o.action === "create"),
          now,
        );
        await updateAgencies(tx, updates, now);
        await recordUpdateEvents(tx, updates, { userId, ip, importId, fileName: pending.fileName, now });
        await recordAudit({
          db: tx,
          action: IMPORT_AUDIT_ACTION,
          actorUserId: userId,
          targetType: "agency_import",
          targetId: importId,
          detail: { fileName: pending.fileName, counts },
          ip,
        });
        const event = await tx.auditEvent.findFirstOrThrow({
          where: { action: IMPORT_AUDIT_ACTION, targetId: importId },
          select: { id: true },
        });
        return { ok: true as const, auditEventId: event.id, counts };
      },
      // An 18,000-row frame takes a few seconds; Prisma's default limit is 5.
      { maxWait: 15_000, timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof PreviewChanged) return { ok: false, changed: true };
    throw error;
  }
}
