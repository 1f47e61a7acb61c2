// Lifts an agency's "do not contact" mark; the audit keeps the reason it had.
import { recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";

export async function clearDoNotContact(options: { db: Db; agencyId: number; userId: number; ip: string }) {
  const { db, agencyId, userId, ip } = options;
  await db.$transaction(async (tx) => {
    const agency = await tx.agency.findUnique({ where: { id: agencyId } });
    if (!agency) throw new AppError("not_found", "Agency not found", "Go back to the agencies list.");
    if (!agency.doNotContact) return;
    await tx.agency.update({ where: { id: agencyId }, data: { doNotContact: false, doNotContactReason: "" } });
    await recordAudit({
      db: tx,
      action: "agency.do_not_contact_cleared",
      actorUserId: userId,
      targetType: "agency",
      targetId: agencyId,
      detail: { previousReason: agency.doNotContactReason },
      ip,
    });
  });
}
