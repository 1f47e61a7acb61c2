// The agencies list: filters that the database applies (state, type, size band,
// invitation status, do-not-contact), then a name search, then one page.
// The search folds case and accents in JavaScript over the filtered names only
// (id and name of at most the whole frame, about 18,000 short rows), because
// case-insensitive LIKE is not portable: SQLite folds ASCII only, PostgreSQL not at all.
import type { DbOrTx } from "../db/client.js";
import { foldForMatching } from "./agency-values.js";
import { findCurrentSurvey } from "./find-current-survey.js";
import type { InvitationStatus } from "./invitation-statuses.js";
import { SIZE_BANDS, type SizeBandCode } from "./size-bands.js";

export type AgencyFilters = {
  state?: string;
  agencyType?: string;
  size?: SizeBandCode;
  status?: InvitationStatus;
  doNotContact?: "yes" | "no";
  q?: string;
  page: number;
};

export const PAGE_SIZE = 50;

type Where = NonNullable<Parameters<DbOrTx["agency"]["findMany"]>[0]>["where"];

function whereOf(filters: AgencyFilters, surveyId: number | undefined): Where {
  const and: NonNullable<Where>[] = [];
  if (filters.state) and.push({ state: filters.state });
  if (filters.agencyType) and.push({ agencyType: filters.agencyType });
  if (filters.doNotContact) and.push({ doNotContact: filters.doNotContact === "yes" });
  const band = SIZE_BANDS.find((b) => b.code === filters.size);
  if (band) {
    and.push(
      band.min === null
        ? { swornOfficers: null }
        : { swornOfficers: { gte: band.min, ...(band.max === null ? {} : { lte: band.max }) } },
    );
  }
  if (filters.status === "not_invited") {
    if (surveyId !== undefined) {
      and.push({
        OR: [{ invitations: { none: { surveyId } } }, { invitations: { some: { surveyId, status: "not_invited" } } }],
      });
    }
  } else if (filters.status) {
    // Without a survey nobody is invited, so any other status matches nothing.
    and.push(surveyId === undefined ? { id: -1 } : { invitations: { some: { surveyId, status: filters.status } } });
  }
  return { AND: and };
}

/**
 * Every agency the filters match (all pages), for a wave sent to "these
 * agencies": the same filters and the same name search as the list shows.
 */
export async function matchingAgencyIds(options: {
  db: DbOrTx;
  filters: Omit<AgencyFilters, "page">;
  surveyId: number;
}): Promise<number[]> {
  const { db, filters, surveyId } = options;
  const where = whereOf({ ...filters, page: 1 }, surveyId);
  const needle = filters.q ? foldForMatching(filters.q) : "";
  const rows = await db.agency.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  return rows.filter((a) => !needle || foldForMatching(a.name).includes(needle)).map((a) => a.id);
}

export async function listAgencies(options: { db: DbOrTx; filters: AgencyFilters; pageSize?: number }) {
  const { db, filters, pageSize = PAGE_SIZE } = options;
  const survey = await findCurrentSurvey({ db });
  const where = whereOf(filters, survey?.id);
  const orderBy = [{ name: "asc" as const }, { id: "asc" as const }];
  const needle = filters.q ? foldForMatching(filters.q) : "";

  let total: number;
  let pageIds: number[] | undefined;
  let page = filters.page;
  if (needle) {
    const candidates = await db.agency.findMany({ where, orderBy, select: { id: true, name: true } });
    const matches = candidates.filter((a) => foldForMatching(a.name).includes(needle));
    total = matches.length;
    page = Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
    pageIds = matches.slice((page - 1) * pageSize, page * pageSize).map((a) => a.id);
  } else {
    total = await db.agency.count({ where });
    page = Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
  }
  const agencies = await db.agency.findMany({
    where: pageIds ? { id: { in: pageIds } } : where,
    orderBy,
    ...(pageIds ? {} : { skip: (page - 1) * pageSize, take: pageSize }),
    select: {
      id: true,
      name: true,
      ori: true,
      state: true,
      agencyType: true,
      swornOfficers: true,
      contactEmail: true,
      doNotContact: true,
      invitations: survey ? { where: { surveyId: survey.id }, select: { id: true, status: true } } : false,
    },
  });
  return {
    survey,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    agencies: agencies.map(({ invitations, ...agency }) => ({
      ...agency,
      invitationStatus: invitations?.[0]?.status ?? "not_invited",
      invitationId: invitations?.[0]?.id ?? null,
    })),
  };
}
