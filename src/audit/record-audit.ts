// Appends one event to the audit log: who did what to what, when, from where.
// Nothing in the app updates or deletes audit rows.
import type { DbOrTx } from "../db/client.js";

export type AuditEntry = {
  db: DbOrTx;
  action: string;
  actorUserId?: number | null;
  actorLabel?: string;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
  ip?: string;
};

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await entry.db.auditEvent.create({
    data: {
      action: entry.action,
      actorUserId: entry.actorUserId ?? null,
      actorLabel: entry.actorLabel ?? "",
      targetType: entry.targetType ?? "",
      targetId: entry.targetId === undefined ? "" : String(entry.targetId),
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? "",
    },
  });
}
