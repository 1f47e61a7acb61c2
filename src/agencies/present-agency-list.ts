// The view model of the agencies list page.
import { AGENCY_TYPE_LABELS } from "./agency-values.js";
import { filtersQuery } from "./agency-filters.js";
import { INVITATION_STATUSES, invitationStatusLabel } from "./invitation-statuses.js";
import type { AgencyFilters, listAgencies } from "./list-agencies.js";
import { SIZE_BANDS, sizeBandOf } from "./size-bands.js";
import { agencyTypeOptions, optionsOf, stateOptions } from "./view-options.js";

type ListResult = Awaited<ReturnType<typeof listAgencies>>;

/** The agencies list's filter choices, also on the send page (a wave to "these agencies"). */
export function filterOptions(filters: Omit<AgencyFilters, "page">) {
  return {
    state: stateOptions(filters.state, "All states"),
    type: agencyTypeOptions(filters.agencyType, "All types"),
    size: optionsOf(
      SIZE_BANDS.map((b) => ({ code: b.code, label: b.label })),
      filters.size,
      "All sizes",
    ),
    status: optionsOf(INVITATION_STATUSES, filters.status, "Any invitation status"),
    dnc: optionsOf(
      [
        { code: "no", label: "Hide do-not-contact agencies" },
        { code: "yes", label: "Only do-not-contact agencies" },
      ],
      filters.doNotContact,
      "Include do-not-contact agencies",
    ),
  };
}

export function presentAgencyList(result: ListResult, filters: AgencyFilters) {
  const { page, pageCount, total } = result;
  const filtered = Object.keys(filters).some((k) => k !== "page");
  return {
    pageTitle: page > 1 ? `Agencies (page ${page} of ${pageCount})` : "Agencies",
    survey: result.survey,
    total,
    filtered,
    q: filters.q ?? "",
    options: filterOptions(filters),
    // The same filters on the send page ("&state=OH..."), for a wave to them.
    sendQuery: filtersQuery(filters, 1).replace(/^\?/, "&"),
    agencies: result.agencies.map((a) => ({
      ...a,
      typeLabel: AGENCY_TYPE_LABELS.get(a.agencyType) ?? a.agencyType,
      sizeBand: sizeBandOf(a.swornOfficers).label,
      invitationLabel: invitationStatusLabel(a.invitationStatus),
    })),
    pagination: {
      page,
      pageCount,
      previousHref: page > 1 ? `/agencies${filtersQuery(filters, page - 1)}` : null,
      nextHref: page < pageCount ? `/agencies${filtersQuery(filters, page + 1)}` : null,
    },
  };
}
