// Appends one event to the audit log: who did what to what, when, from where.
// Nothing in the app updates or deletes audit rows.
import type { DbOrTx } from "../db/client.js";
import { Prisma } from "../generated/sqlite/client.js";

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

/** The row as stored: the same for Prisma's create and for SQL written by hand. */
function auditRow(entry: Omit<AuditEntry, "db">) {
  return {
    action: entry.action,
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? "",
    targetType: entry.targetType ?? "",
    targetId: entry.targetId === undefined ? "" : String(entry.targetId),
    detail: JSON.stringify(entry.detail ?? {}),
    ip: entry.ip ?? "",
  };
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await entry.db.auditEvent.create({ data: auditRow(entry) });
}

/** The same event as one INSERT, for a plain-driver transaction (prisma-statement.ts). */
export function auditEventSql(entry: Omit<AuditEntry, "db">, now = new Date()): Prisma.Sql {
  const r = auditRow(entry);
  return Prisma.sql`INSERT INTO audit_events (action, actor_user_id, actor_label, target_type, target_id, detail, ip,
      created_at, updated_at)
    VALUES (${r.action}, ${r.actorUserId}, ${r.actorLabel}, ${r.targetType}, ${r.targetId}, ${r.detail}, ${r.ip},
      ${now}, ${now})`;
}
