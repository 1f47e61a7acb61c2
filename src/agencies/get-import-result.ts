// The result page of an applied import, read back from its audit event, so the
// page can be reloaded or linked to after the uploaded rows are gone.
import type { DbOrTx } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import { IMPORT_AUDIT_ACTION } from "./commit-agency-import.js";
import type { ImportCounts } from "./preview-agency-import.js";

export async function getImportResult(options: { db: DbOrTx; auditEventId: number }) {
  const event = await options.db.auditEvent.findFirst({
    where: { id: options.auditEventId, action: IMPORT_AUDIT_ACTION },
    include: { actor: { select: { name: true, email: true } } },
  });
  if (!event) throw new AppError("not_found", "Import not found", "Check the link, or look in the audit log.");
  const detail = JSON.parse(event.detail) as { fileName: string; counts: ImportCounts };
  return {
    fileName: detail.fileName,
    counts: detail.counts,
    createdAt: event.createdAt,
    who: event.actor?.name || event.actor?.email || "",
  };
}
