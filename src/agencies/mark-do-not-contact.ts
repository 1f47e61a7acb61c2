// Marks an agency "do not contact" (it asked not to be surveyed, or its address
// must not be used), with the reason; invitations and reminders skip it.
import { recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";

export const MAX_REASON_LENGTH = 500;

export async function markDoNotContact(options: {
  db: Db;
  agencyId: number;
  reason: unknown;
  userId: number;
  ip: string;
}): Promise<{ ok: true } | { ok: false; reason: string; error: string }> {
  const { db, agencyId, userId, ip } = options;
  const reason = typeof options.reason === "string" ? options.reason.replace(/\s+/g, " ").trim() : "";
  if (reason === "") return { ok: false, reason, error: "Enter why this agency must not be contacted" };
  if (reason.length > MAX_REASON_LENGTH) {
    return { ok: false, reason, error: `Use at most ${MAX_REASON_LENGTH} characters for the reason` };
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.agency.updateMany({
      where: { id: agencyId },
      data: { doNotContact: true, doNotContactReason: reason },
    });
    if (count === 0) throw new AppError("not_found", "Agency not found", "Go back to the agencies list.");
    await recordAudit({
      db: tx,
      action: "agency.do_not_contact_set",
      actorUserId: userId,
      targetType: "agency",
      targetId: agencyId,
      detail: { reason },
      ip,
    });
  });
  return { ok: true };
}
