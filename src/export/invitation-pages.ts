// The invitations of an export in pages ordered by id, with their agencies.
// Contact details are selected only when the viewer may see them, so they
// never even reach the process otherwise.
import { read, type ReadConnection } from "../db/read-connection.js";
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

const INVITATIONS_SQL = `SELECT i.id, g.name, g.ori, g.state, g.agency_type, i.status, i.invited_at, i.first_opened_at,
    i.started_at, i.submitted_at, i.opted_out_at, i.reminder_count`;
const CONTACTS_SQL = ", g.contact_name, g.contact_title, g.contact_email";
const FROM_SQL = ` FROM invitations i JOIN agencies g ON g.id = i.agency_id
  WHERE i.survey_id = ? AND i.id > ? AND i.id <= ? ORDER BY i.id LIMIT ?`;

/** Through the plain-driver read connection, like the responses (see response-pages.ts). */
export async function* invitationRows(options: {
  read: ReadConnection;
  where: { surveyId: number; id: { lte: number } };
  withContacts: boolean;
  pageSize: number;
}): AsyncGenerator<Cell[]> {
  const { read: connection, where, withContacts, pageSize } = options;
  const sql = INVITATIONS_SQL + (withContacts ? CONTACTS_SQL : "") + FROM_SQL;
  let afterId = 0;
  for (;;) {
    const page = await connection.all<Record<string, unknown>>(sql, [where.surveyId, afterId, where.id.lte, pageSize]);
    for (const i of page) {
      const base: Cell[] = [
        read.int(i.id),
        read.text(i.name),
        read.textOrNull(i.ori),
        read.text(i.state),
        read.text(i.agency_type),
        read.text(i.status),
        read.date(i.invited_at),
        read.date(i.first_opened_at),
        read.date(i.started_at),
        read.date(i.submitted_at),
        read.date(i.opted_out_at),
        read.int(i.reminder_count),
      ];
      yield withContacts
        ? [...base, read.text(i.contact_name), read.text(i.contact_title), read.text(i.contact_email)]
        : base;
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = read.int(last.id);
  }
}
