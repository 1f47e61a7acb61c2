// The fields a file's columns can be mapped to, and the guess from a column's
// header ("Agency Name", "ORI", "E-mail", "Sworn") that the mapping page starts from.
import { foldForMatching } from "./agency-values.js";

export const IMPORT_FIELDS = [
  { key: "name", label: "Agency name", required: true },
  { key: "ori", label: "ORI (FBI agency identifier)", required: false },
  { key: "state", label: "State", required: true },
  { key: "agencyType", label: "Agency type", required: true },
  { key: "swornOfficers", label: "Sworn officers", required: false },
  { key: "populationServed", label: "Population served", required: false },
  { key: "contactName", label: "Contact name", required: false },
  { key: "contactTitle", label: "Contact title", required: false },
  { key: "contactEmail", label: "Contact email", required: false },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]["key"];
/** For each column of the file, the field it fills, or null: ignored. */
export type ColumnMapping = (ImportFieldKey | null)[];

export function isImportFieldKey(value: unknown): value is ImportFieldKey {
  return IMPORT_FIELDS.some((field) => field.key === value);
}

export function fieldLabel(key: ImportFieldKey): string {
  return IMPORT_FIELDS.find((field) => field.key === key)!.label;
}

// Whole headers first, then words in a header, in an order where the more
// specific wins: "Contact Email" is an email, "Agency Type" a type, "State Name" a state.
const EXACT: Record<string, ImportFieldKey> = {
  ori: "ori",
  ori7: "ori",
  ori9: "ori",
  "ori code": "ori",
  "originating agency identifier": "ori",
  st: "state",
  type: "agencyType",
  sworn: "swornOfficers",
  officers: "swornOfficers",
  pop: "populationServed",
  population: "populationServed",
  title: "contactTitle",
  position: "contactTitle",
  contact: "contactName",
  chief: "contactName",
  name: "name",
  agency: "name",
  department: "name",
};

const WORDS: [RegExp, ImportFieldKey][] = [
  [/\b(e ?)?mail\b/, "contactEmail"],
  [/\bori\b/, "ori"],
  [/\bsworn\b|\bofficers\b/, "swornOfficers"],
  [/\bpopulation\b|\bresidents\b/, "populationServed"],
  [/\bstate\b/, "state"],
  [/\btype\b|\bcategory\b/, "agencyType"],
  [/\btitle\b|\bposition\b|\brank\b/, "contactTitle"],
  [/\bcontact\b|\bchief\b|\bexecutive\b/, "contactName"],
  [/\bagency\b|\bdepartment\b|\bname\b/, "name"],
];

export function guessField(header: string): ImportFieldKey | null {
  const folded = foldForMatching(header);
  return EXACT[folded] ?? WORDS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/** Each field goes to the first column whose header suggests it; the rest start as ignored. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportFieldKey>();
  return headers.map((header) => {
    const key = guessField(header);
    if (!key || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}
