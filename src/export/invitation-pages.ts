// The invitations of an export in pages ordered by id, with their agencies.
// Contact details are selected only when the viewer may see them, so they
// never even reach the process otherwise.
import type { DbOrTx } from "../db/client.js";
import type { Cell } from "./response-cells.js";

const BASE_HEADER = [
  "invitation_id",
  "agency_name",
  "ori",
  "state",
  "agency_type",
  "invitation_status",
  "invited_at",
  "first_opened_at",
  "started_at",
  "submitted_at",
  "opted_out_at",
  "reminder_count",
];
const CONTACT_HEADER = ["contact_name", "contact_title", "contact_email"];

export function invitationHeader(withContacts: boolean): string[] {
  return withContacts ? [...BASE_HEADER, ...CONTACT_HEADER] : BASE_HEADER;
}

export async function* invitationRows(options: {
  db: DbOrTx;
  where: { surveyId: number; id: { lte: number } };
  withContacts: boolean;
  pageSize: number;
}): AsyncGenerator<Cell[]> {
  const { db, where, withContacts, pageSize } = options;
  let afterId = 0;
  for (;;) {
    const page = await db.invitation.findMany({
      where: { surveyId: where.surveyId, id: { lte: where.id.lte, gt: afterId } },
      orderBy: { id: "asc" },
      take: pageSize,
      include: {
        agency: {
          select: {
            name: true,
            ori: true,
            state: true,
            agencyType: true,
            contactName: withContacts,
            contactTitle: withContacts,
            contactEmail: withContacts,
          },
        },
      },
    });
    for (const i of page) {
      const base: Cell[] = [
        i.id,
        i.agency.name,
        i.agency.ori,
        i.agency.state,
        i.agency.agencyType,
        i.status,
        i.invitedAt,
        i.firstOpenedAt,
        i.startedAt,
        i.submittedAt,
        i.optedOutAt,
        i.reminderCount,
      ];
      yield withContacts
        ? [...base, i.agency.contactName ?? "", i.agency.contactTitle ?? "", i.agency.contactEmail ?? ""]
        : base;
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = last.id;
  }
}
