// The view model of an agency's page: the edit form, the do-not-contact
// section, the invitation to the current survey, and the agency's history.
import type { AgencyFormErrors, AgencyFormField, AgencyFormValues } from "./agency-form.js";
import { AGENCY_TYPE_LABELS } from "./agency-values.js";
import type { getAgency } from "./get-agency.js";
import { invitationStatusLabel } from "./invitation-statuses.js";
import { agencyTypeOptions, stateOptions } from "./view-options.js";

type Found = Awaited<ReturnType<typeof getAgency>>;

export const FORM_LABELS: Record<AgencyFormField, string> = {
  name: "Agency name",
  ori: "ORI",
  state: "State",
  agencyType: "Agency type",
  swornOfficers: "Sworn officers",
  populationServed: "Population served",
  contactName: "Contact name",
  contactTitle: "Contact title",
  contactEmail: "Contact email",
  notes: "Notes",
};

function describeEvent(action: string, detail: Record<string, unknown>): string {
  if (action === "agency.updated") {
    const fields = Object.keys((detail.changes as Record<string, unknown> | undefined) ?? {});
    const labels = fields.map((f) => FORM_LABELS[f as AgencyFormField] ?? f).join(", ");
    return `${detail.fileName ? `Import of ${String(detail.fileName)} changed` : "Changed"} ${labels}`;
  }
  if (action === "agency.do_not_contact_set") return `Marked do not contact: ${String(detail.reason ?? "")}`;
  if (action === "agency.do_not_contact_cleared") return "Cleared do not contact";
  return action;
}

const NOTICES: Record<string, string> = {
  saved: "Your changes are saved.",
  unchanged: "Nothing had changed, so nothing was saved.",
  "dnc=set": "The agency is marked do not contact. Invitations and reminders will skip it.",
  "dnc=cleared": "The do-not-contact mark is cleared. The agency can be invited again.",
};

export function presentAgencyPage(
  found: Found,
  options: {
    values: AgencyFormValues;
    errors?: AgencyFormErrors;
    dnc?: { reason: string; error: string };
    query?: Record<string, unknown>;
  },
) {
  const { agency, survey, invitation } = found;
  const errors = options.errors ?? {};
  const errorList = Object.entries(errors).map(([field, message]) => ({ field, message }));
  if (options.dnc) errorList.push({ field: "reason", message: options.dnc.error });
  const query = options.query ?? {};
  const noticeKey = "saved" in query ? "saved" : "unchanged" in query ? "unchanged" : `dnc=${String(query.dnc)}`;
  return {
    pageTitle: `${errorList.length ? "Error: " : ""}${agency.name}: agency`,
    agency: { ...agency, typeLabel: AGENCY_TYPE_LABELS.get(agency.agencyType) ?? agency.agencyType },
    values: options.values,
    errors,
    errorList,
    dnc: options.dnc ?? { reason: "", error: "" },
    notice: NOTICES[noticeKey],
    labels: FORM_LABELS,
    stateOptions: stateOptions(options.values.state, "Choose a state"),
    typeOptions: agencyTypeOptions(options.values.agencyType, "Choose a type"),
    survey,
    invitation: invitation && { ...invitation, label: invitationStatusLabel(invitation.status) },
    history: found.history.map((event) => ({
      createdAt: event.createdAt,
      who: event.actor?.name || event.actor?.email || event.actorLabel || "system",
      what: describeEvent(event.action, JSON.parse(event.detail) as Record<string, unknown>),
    })),
  };
}
