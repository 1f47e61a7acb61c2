// Who of a selection gets the wave, and why the others do not: shown on the
// confirmation page, and computed again inside the queuing transaction so the
// messages match the database at that moment. The worker checks once more at
// send time (send-time-check.ts): an agency that submits or opts out while the
// wave waits is skipped then.
import type { DbOrTx } from "../../db/client.js";
import { matchingAgencyIds } from "../../agencies/list-agencies.js";
import type { WaveRequest } from "./wave-form.js";

export const EXCLUSION_REASONS = {
  doNotContact: "marked do not contact",
  optedOut: "opted out",
  noEmail: "no contact email",
  submitted: "already submitted",
  alreadyInvited: "already invited",
  notInvited: "not invited yet (send an invitation first)",
  notInGroup: "not in the chosen group of non-responders",
  alreadyQueued: "already have one waiting to be sent",
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

export type Recipient = {
  agencyId: number;
  name: string;
  contactName: string;
  email: string;
  invitationId: number | null;
};

export type Classification = {
  selected: number;
  recipients: Recipient[];
  excluded: Record<ExclusionReason, number>;
};

// Prisma refuses IN lists over 999 parameters on SQLite.
const CHUNK = 500;
// An invitation that bounced may be sent again (after the address is corrected).
const NOT_YET_INVITED = new Set(["not_invited", "failed"]);
const NEVER_STARTED = new Set(["invited", "opened"]);

async function candidateIds(db: DbOrTx, surveyId: number, request: WaveRequest): Promise<number[] | null> {
  const { selection } = request;
  if (selection.type === "picked") return selection.agencyIds;
  if (selection.type === "filter") return matchingAgencyIds({ db, filters: selection.filters, surveyId });
  if (request.kind === "reminder") {
    const rows = await db.invitation.findMany({ where: { surveyId }, select: { agencyId: true } });
    return rows.map((r) => r.agencyId);
  }
  return null; // every agency of the frame
}

export async function classifyRecipients(options: {
  db: DbOrTx;
  surveyId: number;
  request: WaveRequest;
}): Promise<Classification> {
  const { db, surveyId, request } = options;
  const ids = await candidateIds(db, surveyId, request);
  const select = {
    id: true,
    name: true,
    contactName: true,
    contactEmail: true,
    doNotContact: true,
    invitations: { where: { surveyId }, select: { id: true, status: true, optedOutAt: true, submittedAt: true } },
  };
  const agencies = [];
  if (ids === null) agencies.push(...(await db.agency.findMany({ select, orderBy: { id: "asc" } })));
  else {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const where = { id: { in: ids.slice(i, i + CHUNK) } };
      agencies.push(...(await db.agency.findMany({ where, select, orderBy: { id: "asc" } })));
    }
  }
  const waiting = new Set(
    (
      await db.emailMessage.findMany({
        where: { kind: request.kind, status: { in: ["queued", "sending"] }, invitation: { surveyId } },
        select: { invitationId: true },
      })
    ).map((m) => m.invitationId),
  );

  const excluded = Object.fromEntries(Object.keys(EXCLUSION_REASONS).map((k) => [k, 0])) as Record<
    ExclusionReason,
    number
  >;
  const recipients: Recipient[] = [];
  for (const agency of agencies) {
    const invitation = agency.invitations[0] ?? null;
    const reason =
      exclusionOf(agency, invitation, request) ?? (invitation && waiting.has(invitation.id) ? "alreadyQueued" : null);
    if (reason) {
      excluded[reason] += 1;
      continue;
    }
    recipients.push({
      agencyId: agency.id,
      name: agency.name,
      contactName: agency.contactName,
      email: agency.contactEmail!,
      invitationId: invitation?.id ?? null,
    });
  }
  return { selected: agencies.length, recipients, excluded };
}

type Invitation = { id: number; status: string; optedOutAt: Date | null; submittedAt: Date | null };

function exclusionOf(
  agency: { doNotContact: boolean; contactEmail: string | null },
  invitation: Invitation | null,
  request: WaveRequest,
): ExclusionReason | null {
  const status = invitation?.status ?? "not_invited";
  if (agency.doNotContact) return "doNotContact";
  if (invitation?.optedOutAt || status === "opted_out") return "optedOut";
  if (!agency.contactEmail) return "noEmail";
  if (invitation?.submittedAt || status === "submitted") return "submitted";
  if (request.kind === "invitation") return NOT_YET_INVITED.has(status) ? null : "alreadyInvited";
  if (NOT_YET_INVITED.has(status)) return "notInvited";
  return inGroup(status, request.group) ? null : "notInGroup";
}

function inGroup(status: string, group: WaveRequest["group"]): boolean {
  if (group === "never_started") return NEVER_STARTED.has(status);
  if (group === "started") return status === "started";
  return NEVER_STARTED.has(status) || status === "started";
}
