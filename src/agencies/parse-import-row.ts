// One data row of an import, read through the column mapping into agency
// values, with every reason the row cannot be used. An empty cell means
// "not given": an import never erases what is stored (edit the agency for that).
import {
  MAX_LENGTH,
  MAX_POPULATION,
  MAX_SWORN_OFFICERS,
  checkLength,
  parseAgencyType,
  parseCount,
  parseEmail,
  parseOri,
  parseState,
  type Parsed,
} from "./agency-values.js";
import type { ColumnMapping, ImportFieldKey } from "./import-fields.js";

export type AgencyValues = {
  name?: string;
  ori?: string;
  state?: string;
  agencyType?: string;
  swornOfficers?: number;
  populationServed?: number;
  contactName?: string;
  contactTitle?: string;
  contactEmail?: string;
};

export type ParsedRow = {
  values: AgencyValues;
  reasons: string[];
  /** What the file says, for showing the row to a person. */
  raw: Partial<Record<ImportFieldKey, string>>;
};

const MISSING: Partial<Record<ImportFieldKey, string>> = {
  name: "The agency name is missing",
  state: "The state is missing",
  agencyType: "The agency type is missing",
};

function parseField(key: ImportFieldKey, text: string): Parsed<string | number> {
  switch (key) {
    case "ori":
      return parseOri(text);
    case "state":
      return parseState(text);
    case "agencyType":
      return parseAgencyType(text);
    case "swornOfficers":
      return parseCount(text, "Sworn officers", MAX_SWORN_OFFICERS);
    case "populationServed":
      return parseCount(text, "Population served", MAX_POPULATION);
    case "contactEmail":
      return parseEmail(text);
    case "name": {
      const tooLong = checkLength(text, "The agency name", MAX_LENGTH.name);
      return tooLong ? { ok: false, error: tooLong } : { ok: true, value: text };
    }
    case "contactName":
    case "contactTitle": {
      const tooLong = checkLength(text, key === "contactName" ? "The contact name" : "The contact title", 200);
      return tooLong ? { ok: false, error: tooLong } : { ok: true, value: text };
    }
  }
}

export function parseImportRow(cells: readonly string[], mapping: ColumnMapping): ParsedRow {
  const values: Record<string, string | number> = {};
  const raw: ParsedRow["raw"] = {};
  const reasons: string[] = [];
  mapping.forEach((key, column) => {
    if (!key) return;
    const text = cells[column] ?? "";
    raw[key] = text;
    if (text === "") return;
    const parsed = parseField(key, text);
    if (parsed.ok) values[key] = parsed.value;
    else reasons.push(parsed.error);
  });
  for (const [key, message] of Object.entries(MISSING)) if (!raw[key as ImportFieldKey]) reasons.push(message);
  if (!raw.ori && !raw.contactEmail) {
    reasons.push(
      "There is no ORI and no contact email, so a later import could not find this agency again: add either",
    );
  }
  return { values: values as AgencyValues, reasons, raw };
}
