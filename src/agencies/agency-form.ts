// The agency edit form: what was typed (kept for the page when something is
// wrong), the values to store, and an error per field. The rules are the
// import's, except that an empty optional field here means "clear it".
import {
  MAX_LENGTH,
  MAX_POPULATION,
  MAX_SWORN_OFFICERS,
  STATE_LABELS,
  AGENCY_TYPE_LABELS,
  checkLength,
  cleanText,
  parseCount,
  parseEmail,
  parseOri,
  type Parsed,
} from "./agency-values.js";

export const AGENCY_FORM_FIELDS = [
  "name",
  "ori",
  "state",
  "agencyType",
  "swornOfficers",
  "populationServed",
  "contactName",
  "contactTitle",
  "contactEmail",
  "notes",
] as const;

export type AgencyFormField = (typeof AGENCY_FORM_FIELDS)[number];
export type AgencyFormValues = Record<AgencyFormField, string>;
export type AgencyFormErrors = Partial<Record<AgencyFormField, string>>;

export type AgencyData = {
  name: string;
  ori: string | null;
  state: string;
  agencyType: string;
  swornOfficers: number | null;
  populationServed: number | null;
  contactName: string;
  contactTitle: string;
  contactEmail: string | null;
  notes: string;
};

function optional<T>(text: string, parse: (t: string) => Parsed<T>): Parsed<T | null> {
  return text === "" ? { ok: true, value: null } : parse(text);
}

export function readAgencyForm(body: Record<string, unknown>): {
  values: AgencyFormValues;
  errors: AgencyFormErrors;
  data?: AgencyData;
} {
  const values = Object.fromEntries(
    AGENCY_FORM_FIELDS.map((f) => {
      const raw = typeof body[f] === "string" ? (body[f] as string) : "";
      // Notes may hold line breaks; every other field is one line.
      return [f, f === "notes" ? raw.normalize("NFC").trim() : cleanText(raw)];
    }),
  ) as AgencyFormValues;
  const errors: AgencyFormErrors = {};
  const check = <T>(field: AgencyFormField, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[field] = parsed.error;
    return undefined;
  };
  const text = (field: AgencyFormField, what: string, max: number, required = false) => {
    if (required && values[field] === "") errors[field] = `Enter the ${what.toLowerCase()}`;
    const tooLong = checkLength(values[field], what, max);
    if (tooLong) errors[field] = tooLong;
    return values[field];
  };
  const name = text("name", "Agency name", MAX_LENGTH.name, true);
  const ori = check("ori", optional(values.ori, parseOri));
  if (!STATE_LABELS.has(values.state)) errors.state = "Choose the state";
  if (!AGENCY_TYPE_LABELS.has(values.agencyType)) errors.agencyType = "Choose the type of agency";
  const sworn = check(
    "swornOfficers",
    optional(values.swornOfficers, (t) => parseCount(t, "Sworn officers", MAX_SWORN_OFFICERS)),
  );
  const population = check(
    "populationServed",
    optional(values.populationServed, (t) => parseCount(t, "Population served", MAX_POPULATION)),
  );
  const contactName = text("contactName", "Contact name", MAX_LENGTH.contactName);
  const contactTitle = text("contactTitle", "Contact title", MAX_LENGTH.contactTitle);
  const email = check("contactEmail", optional(values.contactEmail, parseEmail));
  const notes = text("notes", "Notes", MAX_LENGTH.notes);
  if (Object.keys(errors).length) return { values, errors };
  return {
    values,
    errors,
    data: {
      name,
      ori: ori ?? null,
      state: values.state,
      agencyType: values.agencyType,
      swornOfficers: sworn ?? null,
      populationServed: population ?? null,
      contactName,
      contactTitle,
      contactEmail: email ?? null,
      notes,
    },
  };
}

/** The form's starting values from a stored agency. */
export function formValuesOf(agency: AgencyData): AgencyFormValues {
  return {
    name: agency.name,
    ori: agency.ori ?? "",
    state: agency.state,
    agencyType: agency.agencyType,
    swornOfficers: agency.swornOfficers === null ? "" : String(agency.swornOfficers),
    populationServed: agency.populationServed === null ? "" : String(agency.populationServed),
    contactName: agency.contactName,
    contactTitle: agency.contactTitle,
    contactEmail: agency.contactEmail ?? "",
    notes: agency.notes,
  };
}
