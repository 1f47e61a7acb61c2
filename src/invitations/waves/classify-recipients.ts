// Who of a selection gets the wave, and why the others do not: shown on the
// confirmation page, and computed again inside the queuing transaction so the
// messages match the database at that moment. The worker checks once more at
// send time (send-time-check.ts): an agency that submits or opts out while the
// wave waits is skipped then.
//
// The candidates and their state come from one query (a join, or an IN list of
// the picked or filtered agencies), run on the plain read connection for the
// confirmation and on the write connection inside the queuing's transaction.
import type { Database, DbOrTx } from "../../db/client.js";
import { runOnReader, type Row, type SqlSteps } from "../../db/prisma-statement.js";
import { read } from "../../db/read-connection.js";
import { Prisma } from "../../generated/sqlite/client.js";
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

// Ids a statement: within SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const IDS_PER_STATEMENT = 10_000;
// An invitation that bounced may be sent again (after the address is corrected).
const NOT_YET_INVITED = new Set(["not_invited", "failed"]);
const NEVER_STARTED = new Set(["invited", "opened"]);

/**
 * The agencies a selection names when the candidate query cannot: those picked,
 * or those the agencies list's filters match (its own query and name search).
 * null: every agency of the frame, or for reminders every agency invited.
 */
export async function selectedAgencyIds(db: DbOrTx, surveyId: number, request: WaveRequest): Promise<number[] | null> {
  const { selection } = request;
  if (selection.type === "picked") return selection.agencyIds;
  if (selection.type === "filter") return matchingAgencyIds({ db, filters: selection.filters, surveyId });
  return null;
}

/** Reads the candidates with their invitation and whether a message of this kind already waits, and classifies them. */
export function* classifySteps(surveyId: number, request: WaveRequest, ids: number[] | null): SqlSteps<Classification> {
  const candidates = Prisma.sql`
    SELECT a.id, a.name, a.contact_name, a.contact_email, a.do_not_contact,
      i.id AS invitation_id, i.status, i.opted_out_at, i.submitted_at,
      EXISTS (SELECT 1 FROM email_messages m WHERE m.invitation_id = i.id AND m.kind = ${request.kind}
        AND m.status IN ('queued', 'sending')) AS waiting
    FROM agencies a
    ${Prisma.raw(ids === null && request.kind === "reminder" ? "JOIN" : "LEFT JOIN")} invitations i
      ON i.agency_id = a.id AND i.survey_id = ${surveyId}`;
  const rows: Row[] = [];
  if (ids === null) rows.push(...(yield Prisma.sql`${candidates} ORDER BY a.id`));
  else {
    const sorted = [...ids].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i += IDS_PER_STATEMENT) {
      const chunk = Prisma.join(sorted.slice(i, i + IDS_PER_STATEMENT));
      rows.push(...(yield Prisma.sql`${candidates} WHERE a.id IN (${chunk}) ORDER BY a.id`));
    }
  }
  return classify(rows, request);
}

export async function classifyRecipients(options: {
  db: Pick<Database, "prisma" | "read">;
  surveyId: number;
  request: WaveRequest;
}): Promise<Classification> {
  const { db, surveyId, request } = options;
  const ids = await selectedAgencyIds(db.prisma, surveyId, request);
  return runOnReader(db.read, classifySteps(surveyId, request, ids));
}

function classify(rows: Row[], request: WaveRequest): Classification {
  const excluded = Object.fromEntries(Object.keys(EXCLUSION_REASONS).map((k) => [k, 0])) as Record<
    ExclusionReason,
    number
  >;
  const recipients: Recipient[] = [];
  for (const row of rows) {
    const agency = { doNotContact: read.bool(row.do_not_contact), contactEmail: read.textOrNull(row.contact_email) };
    const invitation =
      row.invitation_id === null
        ? null
        : {
            id: read.int(row.invitation_id),
            status: read.text(row.status),
            optedOut: row.opted_out_at !== null,
            submitted: row.submitted_at !== null,
          };
    const reason =
      exclusionOf(agency, invitation, request) ?? (invitation && read.bool(row.waiting) ? "alreadyQueued" : null);
    if (reason) {
      excluded[reason] += 1;
      continue;
    }
    recipients.push({
      agencyId: read.int(row.id),
      name: read.text(row.name),
      contactName: read.text(row.contact_name),
      email: agency.contactEmail!,
      invitationId: invitation?.id ?? null,
    });
  }
  return { selected: rows.length, recipients, excluded };
}

type Invitation = { id: number; status: string; optedOut: boolean; submitted: boolean };

function exclusionOf(
  agency: { doNotContact: boolean; contactEmail: string | null },
  invitation: Invitation | null,
  request: WaveRequest,
): ExclusionReason | null {
  const status = invitation?.status ?? "not_invited";
  if (agency.doNotContact) return "doNotContact";
  if (invitation?.optedOut || status === "opted_out") return "optedOut";
  if (!agency.contactEmail) return "noEmail";
  if (invitation?.submitted || status === "submitted") return "submitted";
  if (request.kind === "invitation") return NOT_YET_INVITED.has(status) ? null : "alreadyInvited";
  if (NOT_YET_INVITED.has(status)) return "notInvited";
  return inGroup(status, request.group) ? null : "notInGroup";
}

function inGroup(status: string, group: WaveRequest["group"]): boolean {
  if (group === "never_started") return NEVER_STARTED.has(status);
  if (group === "started") return status === "started";
  return NEVER_STARTED.has(status) || status === "started";
}
