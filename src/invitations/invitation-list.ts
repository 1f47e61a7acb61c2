// The invitation list for coordinators: one row per agency of the sample frame
// with its invitation to the survey (agencies never given an invitation row are
// listed as not invited, so the list's statuses add up to the monitoring
// page's). Read a page at a time by agency id (keyset, never OFFSET), bounded
// by the largest id when the download began, so the row count given up front
// holds even if agencies are added meanwhile.
import type { DbOrTx } from "../db/client.js";
import { read, type ReadConnection } from "../db/read-connection.js";
import { sizeBandOf } from "../agencies/size-bands.js";
import type { Cell } from "../export/response-cells.js";
import { findCurrentSurvey } from "../agencies/find-current-survey.js";
import { AppError } from "../http/app-error.js";

export const INVITATION_LIST_HEADER = [
  "agency_id",
  "agency_name",
  "ori",
  "state",
  "agency_type",
  "size_band",
  "sworn_officers",
  "do_not_contact",
  "invitation_status",
  "invited_at",
  "first_opened_at",
  "started_at",
  "submitted_at",
  "opted_out_at",
  "reminder_count",
  "last_delivery_error",
  "contact_name",
  "contact_email",
] as const;

export type PreparedInvitationList = {
  survey: { id: number; slug: string; title: string };
  lastAgencyId: number;
  rowCount: number;
};

export async function prepareInvitationList(options: { db: DbOrTx }): Promise<PreparedInvitationList> {
  const { db } = options;
  const current = await findCurrentSurvey({ db });
  if (!current) throw new AppError("not_found", "No survey yet", "There is no survey, so there are no invitations.");
  const survey = await db.survey.findUniqueOrThrow({
    where: { id: current.id },
    select: { id: true, slug: true, title: true },
  });
  const last = await db.agency.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  const lastAgencyId = last?.id ?? 0;
  const rowCount = await db.agency.count({ where: { id: { lte: lastAgencyId } } });
  return { survey, lastAgencyId, rowCount };
}

// Plain-driver SQL (see read-connection.ts): through Prisma's query compiler
// the reads cost more than writing the workbook. The last delivery error is
// the latest failed, uncertain or retrying message's; a skipped message's
// reason is the worker's own decision, not a delivery error.
const PAGE_SQL = `
SELECT g.id, g.name, g.ori, g.state, g.agency_type, g.sworn_officers, g.do_not_contact,
       g.contact_name, g.contact_email,
       i.status, i.invited_at, i.first_opened_at, i.started_at, i.submitted_at, i.opted_out_at, i.reminder_count,
       (SELECT m.last_error FROM email_messages m
         WHERE m.invitation_id = i.id AND m.status IN ('failed', 'uncertain', 'queued') AND m.last_error <> ''
         ORDER BY m.id DESC LIMIT 1) AS last_error
  FROM agencies g
  LEFT JOIN invitations i ON i.agency_id = g.id AND i.survey_id = ?
 WHERE g.id > ? AND g.id <= ?
 ORDER BY g.id
 LIMIT ?`;

export async function* invitationListRows(options: {
  read: ReadConnection;
  prepared: PreparedInvitationList;
  pageSize?: number;
}): AsyncGenerator<Cell[]> {
  const { prepared, pageSize = 1000 } = options;
  let afterId = 0;
  for (;;) {
    const page = await options.read.all<Record<string, unknown>>(PAGE_SQL, [
      prepared.survey.id,
      afterId,
      prepared.lastAgencyId,
      pageSize,
    ]);
    for (const r of page) {
      const sworn = read.intOrNull(r.sworn_officers);
      yield [
        read.int(r.id),
        read.text(r.name),
        read.textOrNull(r.ori),
        read.text(r.state),
        read.text(r.agency_type),
        sizeBandOf(sworn).label,
        sworn,
        read.bool(r.do_not_contact) ? "yes" : "no",
        r.status === null || r.status === undefined ? "not_invited" : read.text(r.status),
        read.date(r.invited_at),
        read.date(r.first_opened_at),
        read.date(r.started_at),
        read.date(r.submitted_at),
        read.date(r.opted_out_at),
        read.intOrNull(r.reminder_count) ?? 0,
        read.text(r.last_error),
        read.text(r.contact_name),
        read.textOrNull(r.contact_email),
      ];
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = read.int(last.id);
  }
}
