// What an import will do with each row: create an agency, update the stored
// one it matches (by ORI, else by contact email), leave it unchanged, or reject
// the row and say why. Pure, so the preview and the commit (which classifies
// again inside its transaction) cannot disagree about the rules.
import { AGENCY_TYPE_LABELS } from "./agency-values.js";
import { IMPORT_FIELDS, type ColumnMapping, type ImportFieldKey } from "./import-fields.js";
import { parseImportRow, type AgencyValues } from "./parse-import-row.js";

export type StoredAgency = {
  id: number;
  name: string;
  ori: string | null;
  state: string;
  agencyType: string;
  swornOfficers: number | null;
  populationServed: number | null;
  contactName: string;
  contactTitle: string;
  contactEmail: string | null;
};

export type RowAction = "create" | "update" | "unchanged" | "reject";
export type Change = { field: ImportFieldKey; from: string; to: string };

export type RowOutcome = {
  rowNumber: number;
  action: RowAction;
  name: string;
  ori: string;
  reasons: string[];
  matchedBy?: "ori" | "email";
  agencyId?: number;
  changes: Change[];
  values: AgencyValues;
};

const describe = (agency: StoredAgency) => `${agency.name}${agency.ori ? `, ORI ${agency.ori}` : ""}`;

function rowList(rows: number[]): string {
  const shown = rows.slice(0, 5).join(", ");
  return rows.length > 5 ? `${shown} and ${rows.length - 5} more` : shown;
}

function display(key: ImportFieldKey, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value.toLocaleString("en-US");
  return key === "agencyType" ? (AGENCY_TYPE_LABELS.get(value) ?? value) : value;
}

function changesOf(values: AgencyValues, agency: StoredAgency): Change[] {
  const changes: Change[] = [];
  for (const { key } of IMPORT_FIELDS) {
    const next = values[key];
    if (next === undefined) continue;
    const current = agency[key];
    const same = key === "contactEmail" ? current?.toString().toLowerCase() === next : current === next;
    if (!same) changes.push({ field: key, from: display(key, current), to: display(key, next) });
  }
  return changes;
}

export function classifyImportRows(options: {
  rows: readonly string[][];
  rowNumbers: readonly number[];
  mapping: ColumnMapping;
  stored: readonly StoredAgency[];
}): RowOutcome[] {
  const { rows, rowNumbers, mapping, stored } = options;
  const parsed = rows.map((cells) => parseImportRow(cells, mapping));

  // Duplicates within the file: every row sharing an ORI or an email is rejected,
  // since nothing says which of them is right.
  const rowsWith = (pick: (values: AgencyValues) => string | undefined) => {
    const map = new Map<string, number[]>();
    parsed.forEach(({ values }, i) => {
      const key = pick(values);
      if (key) map.set(key, [...(map.get(key) ?? []), rowNumbers[i]!]);
    });
    return map;
  };
  const byOriInFile = rowsWith((v) => v.ori);
  const byEmailInFile = rowsWith((v) => v.contactEmail);

  const storedByOri = new Map<string, StoredAgency>();
  const storedByEmail = new Map<string, StoredAgency[]>();
  for (const agency of stored) {
    if (agency.ori) storedByOri.set(agency.ori.toUpperCase(), agency);
    const email = agency.contactEmail?.toLowerCase();
    if (email) storedByEmail.set(email, [...(storedByEmail.get(email) ?? []), agency]);
  }

  const outcomes: RowOutcome[] = parsed.map(({ values, reasons, raw }, i) => {
    const rowNumber = rowNumbers[i]!;
    const outcome: RowOutcome = {
      rowNumber,
      action: "reject",
      name: values.name ?? raw.name ?? "",
      ori: values.ori ?? raw.ori ?? "",
      reasons: [...reasons],
      changes: [],
      values,
    };
    const others = (map: Map<string, number[]>, key: string | undefined) =>
      key ? (map.get(key) ?? []).filter((n) => n !== rowNumber) : [];
    const oriTwins = others(byOriInFile, values.ori);
    if (oriTwins.length) outcome.reasons.push(`ORI ${values.ori} is also on row ${rowList(oriTwins)}`);
    const emailTwins = others(byEmailInFile, values.contactEmail);
    if (emailTwins.length) outcome.reasons.push(`${values.contactEmail} is also on row ${rowList(emailTwins)}`);

    const byOri = values.ori ? storedByOri.get(values.ori) : undefined;
    const byEmail = values.contactEmail ? (storedByEmail.get(values.contactEmail) ?? []) : [];
    let target = byOri;
    if (target) outcome.matchedBy = "ori";
    else if (byEmail.length === 1 && !(values.ori && byEmail[0]!.ori)) {
      target = byEmail[0];
      outcome.matchedBy = "email";
    } else if (byEmail.length === 1) {
      outcome.reasons.push(
        `${values.contactEmail} is the contact email of the stored agency ${describe(byEmail[0]!)}, which has a different ORI`,
      );
    }
    const clash = byEmail.filter((agency) => agency !== target);
    if (target && clash.length) {
      outcome.reasons.push(
        `${values.contactEmail} is already the contact email of another stored agency: ${describe(clash[0]!)}`,
      );
    } else if (!target && byEmail.length > 1) {
      outcome.reasons.push(`${values.contactEmail} is the contact email of ${byEmail.length} stored agencies`);
    }
    if (target) {
      outcome.agencyId = target.id;
      outcome.changes = changesOf(values, target);
    }
    return outcome;
  });

  // Two rows that would both update one stored agency: neither wins.
  const rowsByTarget = new Map<number, number[]>();
  for (const o of outcomes) {
    if (o.agencyId !== undefined) rowsByTarget.set(o.agencyId, [...(rowsByTarget.get(o.agencyId) ?? []), o.rowNumber]);
  }
  const storedById = new Map(stored.map((agency) => [agency.id, agency]));
  for (const o of outcomes) {
    const twins = o.agencyId === undefined ? [] : rowsByTarget.get(o.agencyId)!.filter((n) => n !== o.rowNumber);
    if (twins.length) {
      o.reasons.push(
        `Matches the same stored agency (${describe(storedById.get(o.agencyId!)!)}) as row ${rowList(twins)}`,
      );
    }
    if (o.reasons.length) o.action = "reject";
    else if (o.agencyId === undefined) o.action = "create";
    else o.action = o.changes.length ? "update" : "unchanged";
  }
  return outcomes;
}
