// Saves the agency edit form: the import's validation, plus the checks that
// no other agency has the ORI or the contact email. Audited with what changed.
import { isUniqueViolation } from "../db/unique-race.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Db } from "../db/client.js";
import { AppError } from "../http/app-error.js";
import {
  AGENCY_FORM_FIELDS,
  readAgencyForm,
  type AgencyData,
  type AgencyFormErrors,
  type AgencyFormValues,
} from "./agency-form.js";

export type UpdateAgencyResult =
  { ok: true; changed: string[] } | { ok: false; values: AgencyFormValues; errors: AgencyFormErrors };

export async function updateAgency(options: {
  db: Db;
  agencyId: number;
  body: Record<string, unknown>;
  userId: number;
  ip: string;
}): Promise<UpdateAgencyResult> {
  const { db, agencyId, body, userId, ip } = options;
  const agency = await db.agency.findUnique({ where: { id: agencyId } });
  if (!agency)
    throw new AppError("not_found", "Agency not found", "It may have been removed. Go back to the agencies list.");
  const { values, errors, data } = readAgencyForm(body);
  if (data?.ori) {
    const other = await db.agency.findFirst({
      where: { ori: data.ori, id: { not: agencyId } },
      select: { name: true },
    });
    if (other) errors.ori = `Another agency, ${other.name}, has this ORI`;
  }
  if (data?.contactEmail) {
    const other = await db.agency.findFirst({
      where: { contactEmail: data.contactEmail, id: { not: agencyId } },
      select: { name: true },
    });
    if (other) errors.contactEmail = `This is already the contact email of another agency, ${other.name}`;
  }
  if (!data || Object.keys(errors).length) return { ok: false, values, errors };

  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of AGENCY_FORM_FIELDS) {
    const before = (agency as AgencyData)[field];
    if (before !== data[field]) changes[field] = [before, data[field]];
  }
  if (Object.keys(changes).length === 0) return { ok: true, changed: [] };
  try {
    await db.$transaction(async (tx) => {
      await tx.agency.update({ where: { id: agencyId }, data });
      await recordAudit({
        db: tx,
        action: "agency.updated",
        actorUserId: userId,
        targetType: "agency",
        targetId: agencyId,
        detail: { changes },
        ip,
      });
    });
  } catch (error) {
    // Another coordinator took the ORI between our check and the update.
    if (isUniqueViolation(error)) return { ok: false, values, errors: { ori: "Another agency has this ORI" } };
    throw error;
  }
  return { ok: true, changed: Object.keys(changes) };
}
