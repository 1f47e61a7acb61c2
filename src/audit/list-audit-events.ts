// The audit log for admins, filtered by action, actor and time, newest first.
import { z } from "zod";
import type { DbOrTx } from "../db/client.js";

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 100;

function whereOf(filter: AuditFilter) {
  return {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actor ? { actorLabel: { contains: filter.actor.toLowerCase() } } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

export async function listAuditEvents(options: { db: DbOrTx; filter: AuditFilter; all?: boolean }) {
  const { db, filter, all } = options;
  const where = whereOf(filter);
  const page = filter.page ?? 1;
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      ...(all ? {} : { skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), events };
}
