// The agencies list's query string, read leniently: a value that is not one of
// the choices is dropped (the filter is off) rather than refusing the page.
import { AGENCY_TYPE_LABELS, STATE_LABELS, cleanText } from "./agency-values.js";
import { isInvitationStatus } from "./invitation-statuses.js";
import type { AgencyFilters } from "./list-agencies.js";
import { isSizeBandCode } from "./size-bands.js";

const one = (value: unknown): string => (typeof value === "string" ? value : "");

export function readAgencyFilters(query: Record<string, unknown>): AgencyFilters {
  const state = one(query.state);
  const type = one(query.type);
  const size = one(query.size);
  const status = one(query.status);
  const dnc = one(query.dnc);
  const q = cleanText(one(query.q)).slice(0, 100);
  const page = Number(one(query.page));
  return {
    ...(STATE_LABELS.has(state) ? { state } : {}),
    ...(AGENCY_TYPE_LABELS.has(type) ? { agencyType: type } : {}),
    ...(isSizeBandCode(size) ? { size } : {}),
    ...(isInvitationStatus(status) ? { status } : {}),
    ...(dnc === "yes" || dnc === "no" ? { doNotContact: dnc } : {}),
    ...(q ? { q } : {}),
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

/** The query string of these filters on another page, for pagination links. */
export function filtersQuery(filters: AgencyFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.state) params.set("state", filters.state);
  if (filters.agencyType) params.set("type", filters.agencyType);
  if (filters.size) params.set("size", filters.size);
  if (filters.status) params.set("status", filters.status);
  if (filters.doNotContact) params.set("dnc", filters.doNotContact);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
