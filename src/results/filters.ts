// The filters every results page takes from its query string, validated here
// so a bad link gets a 400 page that names the problem, never a 500.
import { z } from "zod";
import { SIZE_BANDS, sizeBandOf } from "../agencies/size-bands.js";
import { AppError } from "../http/app-error.js";
import { AGENCY_TYPES, STATES } from "../questionnaire/lesm-2016-options.js";
import { REGIONS, findRegion } from "./regions.js";
import { join, sql, type Sql } from "./sql.js";

export type ResultFilters = {
  /** submitted only, or in-progress (partial) responses too */
  status: "submitted" | "all";
  agencyType?: string;
  sizeBand?: string;
  state?: string;
  region?: string;
};

/** Query-string names of the filters, as the forms and links use them. */
export const FILTER_PARAMS = ["status", "agency_type", "size_band", "state", "region"] as const;

const codeOf = (list: readonly { code: string }[]) => list.map((item) => item.code);

function oneOf(name: string, codes: readonly string[]) {
  return z
    .string({ message: `${name}: give it once` })
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || codes.includes(v), {
      message: `${name}: not one of the choices offered`,
    });
}

const schema = z.object({
  status: z
    .string({ message: "status: give it once" })
    .optional()
    .transform((v) => (v === "" || v === undefined ? "submitted" : v))
    .refine((v) => v === "submitted" || v === "all", { message: "status: expected submitted or all" }),
  agency_type: oneOf("agency type", codeOf(AGENCY_TYPES)),
  size_band: oneOf("size band", codeOf(SIZE_BANDS)),
  state: oneOf("state", codeOf(STATES)),
  region: oneOf("region", codeOf(REGIONS)),
});

/** Throws a bad_request AppError naming every bad filter. */
export function parseResultFilters(query: Record<string, unknown>): ResultFilters {
  const parsed = schema.safeParse(Object.fromEntries(FILTER_PARAMS.map((p) => [p, query[p]])));
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      "These filters cannot be used",
      parsed.error.issues.map((issue) => issue.message).join("; ") + ". Choose the filters from the form.",
    );
  }
  const v = parsed.data;
  return {
    status: v.status as ResultFilters["status"],
    ...(v.agency_type && { agencyType: v.agency_type }),
    ...(v.size_band && { sizeBand: v.size_band }),
    ...(v.state && { state: v.state }),
    ...(v.region && { region: v.region }),
  };
}

/** The filters as query-string pairs (defaults left out), for links and saved definitions. */
export function filterParams(filters: ResultFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.status !== "submitted") out.status = filters.status;
  if (filters.agencyType) out.agency_type = filters.agencyType;
  if (filters.sizeBand) out.size_band = filters.sizeBand;
  if (filters.state) out.state = filters.state;
  if (filters.region) out.region = filters.region;
  return out;
}

export function needsAgency(filters: ResultFilters): boolean {
  return Boolean(filters.agencyType || filters.sizeBand || filters.state || filters.region);
}

/** The responses (r) of the survey that pass the filters; agency filters need g (agencies) joined. */
export function filterSql(surveyId: number, filters: ResultFilters): Sql {
  const parts: Sql[] = [sql`r.survey_id = ${surveyId}`];
  if (filters.status === "submitted") parts.push(sql`r.status = 'submitted'`);
  if (filters.agencyType) parts.push(sql`g.agency_type = ${filters.agencyType}`);
  if (filters.state) parts.push(sql`g.state = ${filters.state}`);
  if (filters.region) parts.push(sql`g.state IN (${join([...(findRegion(filters.region)?.states ?? [""])])})`);
  if (filters.sizeBand) parts.push(sizeBandSql(filters.sizeBand));
  return join(parts, " AND ");
}

function sizeBandSql(code: string): Sql {
  const band = SIZE_BANDS.find((b) => b.code === code);
  if (!band || band.min === null) return sql`g.sworn_officers IS NULL`;
  if (band.max === null) return sql`g.sworn_officers >= ${band.min}`;
  return sql`g.sworn_officers BETWEEN ${band.min} AND ${band.max}`;
}

/** The size band of g.sworn_officers as SQL, the same bands as sizeBandOf. */
export function sizeBandCaseSql(): Sql {
  const whens = SIZE_BANDS.filter((b) => b.min !== null).map((b) =>
    b.max === null
      ? sql`WHEN g.sworn_officers >= ${b.min} THEN ${b.code}`
      : sql`WHEN g.sworn_officers BETWEEN ${b.min} AND ${b.max} THEN ${b.code}`,
  );
  return sql`CASE ${join(whens, " ")} ELSE ${sizeBandOf(null).code} END`;
}

/** The region of g.state as SQL. */
export function regionCaseSql(): Sql {
  const whens = REGIONS.map((r) => sql`WHEN g.state IN (${join([...r.states])}) THEN ${r.code}`);
  return sql`CASE ${join(whens, " ")} ELSE 'OTHER' END`;
}

/** "Submitted responses; municipal police departments; South" for captions. */
export function describeFilters(filters: ResultFilters): string {
  const label = (list: readonly { code: string; label: string }[], code: string | undefined) =>
    list.find((item) => item.code === code)?.label ?? code;
  const parts = [filters.status === "submitted" ? "Submitted responses only" : "Submitted and partial responses"];
  if (filters.agencyType) parts.push(`agency type: ${label(AGENCY_TYPES, filters.agencyType)}`);
  if (filters.sizeBand) parts.push(`size: ${label(SIZE_BANDS, filters.sizeBand)}`);
  if (filters.state) parts.push(`state: ${label(STATES, filters.state)}`);
  if (filters.region) parts.push(`region: ${label(REGIONS, filters.region)}`);
  return parts.join("; ");
}
