// The check made at send time, not when a wave is queued: an agency that
// submitted, opted out or was marked do-not-contact since then must not get
// the message. Opt-out and do-not-contact stop every message about the
// invitation; a submitted response stops invitations and reminders only (a
// thank-you is still welcome).
import { Prisma } from "../generated/sqlite/client.js";

export type SendBlocker = "do_not_contact" | "opted_out" | "submitted";

export const sendBlockerText: Record<SendBlocker, string> = {
  do_not_contact: "the agency is marked do not contact",
  opted_out: "the agency opted out",
  submitted: "the agency already submitted its response",
};

/**
 * SQL for the strongest of the three facts about an invitation, or NULL: read in
 * the same statement that claims the message, so the check is as late as it can
 * be and costs no extra query. Portable: a boolean column is truthy in both.
 */
export function contactStateSql(invitationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT CASE
      WHEN a.do_not_contact THEN 'do_not_contact'
      WHEN i.opted_out_at IS NOT NULL OR i.status = 'opted_out' THEN 'opted_out'
      WHEN i.submitted_at IS NOT NULL OR i.status = 'submitted' THEN 'submitted'
    END
    FROM invitations i JOIN agencies a ON a.id = i.agency_id
    WHERE i.id = ${invitationId})`;
}

const STOPPED_BY_SUBMISSION = new Set(["invitation", "reminder"]);

/** Why a message of this kind must not go, given the invitation's state, or null. */
export function sendBlockerOf(kind: string, state: string | null): SendBlocker | null {
  if (state === "do_not_contact" || state === "opted_out") return state;
  if (state === "submitted" && STOPPED_BY_SUBMISSION.has(kind)) return "submitted";
  return null;
}
