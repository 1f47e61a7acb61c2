// The invitation list for coordinators: one row per agency of the sample frame
// with its invitation to the survey (agencies never given an invitation row are
// listed as not invited, so the list's statuses add up to the monitoring
// page's). Read a page at a time by agency id (keyset, never OFFSET), bounded
// by the largest id when the download began, so the row count given up front
// holds even if agencies are added meanwhile.
import type { DbOrTx } from "../db/client.js";
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

/** Delivery problems, not the worker's own decisions (a skipped message's reason is not an error). */
const DELIVERY_PROBLEMS = ["failed", "uncertain", "queued"];

export async function* invitationListRows(options: {
  db: DbOrTx;
  prepared: PreparedInvitationList;
  pageSize?: number;
}): AsyncGenerator<Cell[]> {
  const { db, prepared, pageSize = 1000 } = options;
  let afterId = 0;
  for (;;) {
    const page = await db.agency.findMany({
      where: { id: { gt: afterId, lte: prepared.lastAgencyId } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        name: true,
        ori: true,
        state: true,
        agencyType: true,
        swornOfficers: true,
        doNotContact: true,
        contactName: true,
        contactEmail: true,
        invitations: {
          where: { surveyId: prepared.survey.id },
          include: {
            messages: {
              where: { status: { in: DELIVERY_PROBLEMS }, lastError: { not: "" } },
              orderBy: { id: "desc" },
              take: 1,
              select: { lastError: true },
            },
          },
        },
      },
    });
    for (const agency of page) {
      const invitation = agency.invitations[0];
      yield [
        agency.id,
        agency.name,
        agency.ori,
        agency.state,
        agency.agencyType,
        sizeBandOf(agency.swornOfficers).label,
        agency.swornOfficers,
        agency.doNotContact ? "yes" : "no",
        invitation?.status ?? "not_invited",
        invitation?.invitedAt ?? null,
        invitation?.firstOpenedAt ?? null,
        invitation?.startedAt ?? null,
        invitation?.submittedAt ?? null,
        invitation?.optedOutAt ?? null,
        invitation?.reminderCount ?? 0,
        invitation?.messages[0]?.lastError ?? "",
        agency.contactName,
        agency.contactEmail,
      ];
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = last.id;
  }
}
