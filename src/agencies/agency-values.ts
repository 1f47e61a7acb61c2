// Reading one agency field from what a person typed or a spreadsheet held.
// The import and the edit form share these, so a value the edit form refuses is
// refused by an import too, with the same words.
import { z } from "zod";
import { AGENCY_TYPES, STATES } from "../questionnaire/lesm-2016-options.js";

export const MAX_LENGTH = { name: 200, contactName: 200, contactTitle: 200, contactEmail: 254, notes: 2000 } as const;
// Far above any real agency (NYPD has about 36,000 officers), and inside a 32-bit
// integer column on PostgreSQL, so a typo is caught instead of failing the insert.
export const MAX_SWORN_OFFICERS = 100_000;
export const MAX_POPULATION = 100_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/**
 * One line of text as people mean it: Unicode composed (a name typed on a Mac
 * and on Windows compares equal), control characters and line breaks from
 * quoted spreadsheet cells turned into spaces, runs of spaces collapsed.
 */
export function cleanText(raw: string): string {
  // Most cells are plain ASCII words with single spaces: nothing to clean, and 18,000 rows of them.
  if (/^[\x21-\x7e]*(?: [\x21-\x7e]+)*$/.test(raw)) return raw;
  return (
    raw
      .normalize("NFC")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Lower case, accents and punctuation gone: "Sheriff’s Office" and "SHERIFFS OFFICE" meet. */
export function foldForMatching(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const stateByKey = new Map<string, string>();
for (const { code, label } of STATES) {
  stateByKey.set(code.toLowerCase(), code);
  stateByKey.set(foldForMatching(label), code);
}
for (const alias of ["washington dc", "washington d c", "dist of columbia", "d c"]) stateByKey.set(alias, "DC");

export const STATE_LABELS: ReadonlyMap<string, string> = new Map(STATES.map((s) => [s.code, s.label]));
export const AGENCY_TYPE_LABELS: ReadonlyMap<string, string> = new Map(AGENCY_TYPES.map((t) => [t.code, t.label]));

export function parseState(text: string): Parsed<string> {
  const code = stateByKey.get(foldForMatching(text).replace(/^state of /, ""));
  return code ? ok(code) : fail(`“${text}” is not a US state: use a two-letter code like CO or a name like Colorado`);
}

// What spreadsheets of US agencies call the types, beyond our own codes and labels.
const TYPE_SYNONYMS: Record<string, readonly string[]> = {
  MUNICIPAL: ["police department", "police", "municipal police", "municipal police department", "city police"],
  SHERIFF: ["sheriff", "sheriffs office", "sheriffs department", "sheriff office", "sheriff department"],
  COUNTY: ["county police", "county police department", "county law enforcement"],
  STATE: ["state police", "highway patrol", "state patrol", "state highway patrol"],
  TRIBAL: ["tribal police", "tribal police department"],
  UNIVERSITY: ["university police", "college police", "campus police", "university or college"],
  SCHOOL: ["school police", "school district police"],
  TRANSPORTATION: ["transit police", "airport police", "port police", "port authority police"],
};

const typeByKey = new Map<string, string>();
for (const { code, label } of AGENCY_TYPES) {
  typeByKey.set(code.toLowerCase(), code);
  typeByKey.set(foldForMatching(label), code);
  for (const synonym of TYPE_SYNONYMS[code] ?? []) typeByKey.set(synonym, code);
}

export function parseAgencyType(text: string): Parsed<string> {
  const code = typeByKey.get(foldForMatching(text));
  if (code) return ok(code);
  const codes = AGENCY_TYPES.map((t) => t.code.toLowerCase()).join(", ");
  return fail(`“${text}” is not an agency type we know: use one of ${codes}, or its label`);
}

/** A count such as sworn officers: a whole number, "1,250" and "12.0" accepted. */
export function parseCount(text: string, what: string, max: number): Parsed<number> {
  const plain = /^-?\d{1,3}(,\d{3})+(\.0+)?$/.test(text) ? text.replace(/,/g, "") : text;
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return fail(`${what} “${text}” is not a whole number`);
  const value = Number(plain);
  if (value < 0) return fail(`${what} cannot be negative (“${text}”)`);
  if (!Number.isInteger(value)) return fail(`${what} “${text}” is not a whole number`);
  if (value > max) return fail(`${what} “${text}” is more than ${max.toLocaleString("en-US")}`);
  return ok(value);
}

const emailSchema = z.email();

/** Stored lower-cased, so matching an import to a stored agency ignores case. */
export function parseEmail(text: string): Parsed<string> {
  const address = text.replace(/^mailto:/i, "").toLowerCase();
  if (address.length > MAX_LENGTH.contactEmail) return fail(`The contact email is longer than 254 characters`);
  return emailSchema.safeParse(address).success ? ok(address) : fail(`“${text}” is not an email address`);
}

/** The FBI's Originating Agency Identifier: the state's two letters, then 5 or 7 letters and digits. */
export function parseOri(text: string): Parsed<string> {
  const ori = text.replace(/[\s-]/g, "").toUpperCase();
  return /^[A-Z]{2}[A-Z0-9]{5}([A-Z0-9]{2})?$/.test(ori)
    ? ok(ori)
    : fail(`ORI “${text}” is not 7 or 9 letters and digits starting with two letters, like CO0080100`);
}

export function checkLength(text: string, what: string, max: number): string | undefined {
  return text.length > max ? `${what} is longer than ${max} characters` : undefined;
}
