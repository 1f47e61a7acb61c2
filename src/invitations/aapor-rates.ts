// AAPOR Standard Definitions (2016, 9th edition) response, cooperation and
// refusal rates from the invitations' statuses. Which status counts as which
// AAPOR category is decided here, once, and the monitoring page states it:
//   I  complete             submitted (also when the agency opted out afterwards)
//   P  partial              started, not submitted; no minimal-answer threshold
//   R  refusal / break-off  opted out before submitting
//   NC non-contact          invited, link never opened (an approximation: a
//                           message that was read but whose link was not
//                           followed looks the same)
//   O  other non-response   opened the link, never started
//   UO unknown eligibility  every invitation failed (bounced): nothing reached
//                           the agency, so we know nothing of it (AAPOR 3.3,
//                           invitation undeliverable)
//   UH                      not used (a code for households)
// Not invited agencies are not part of the fielded sample and count nowhere.
// RR1 and RR2 count every unknown-eligibility case as eligible (e = 1), the
// most conservative of the response rates.

export type Dispositions = { I: number; P: number; R: number; NC: number; O: number; UH: number; UO: number };
export type DispositionCode = keyof Dispositions;

export const DISPOSITION_OF_STATUS: Readonly<Record<string, DispositionCode | null>> = {
  submitted: "I",
  started: "P",
  opted_out: "R",
  invited: "NC",
  opened: "O",
  failed: "UO",
  not_invited: null,
};

export function dispositionsOf(countByStatus: Readonly<Record<string, number>>): Dispositions {
  const d: Dispositions = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0 };
  for (const [status, count] of Object.entries(countByStatus)) {
    const code = DISPOSITION_OF_STATUS[status];
    if (code) d[code] += count;
  }
  return d;
}

export type RateCode = "RR1" | "RR2" | "COOP1" | "COOP2" | "REF1";

export type Rate = {
  code: RateCode;
  name: string;
  /** In AAPOR's symbols. */
  formula: string;
  /** The same with this survey's counts put in. */
  worked: string;
  numerator: number;
  denominator: number;
  /** A fraction from 0 to 1; null when the denominator is 0. */
  value: number | null;
};

type Term = { symbols: string; value: (d: Dispositions) => number; shown: (d: Dispositions) => string };

const sum = (...codes: DispositionCode[]): Term => ({
  symbols: codes.length > 1 ? `(${codes.join("+")})` : codes[0]!,
  value: (d) => codes.reduce((total, c) => total + d[c], 0),
  shown: (d) => (codes.length > 1 ? `(${codes.map((c) => d[c]).join(" + ")})` : String(d[codes[0]!])),
});

const ALL_CASES = [sum("I", "P"), sum("R", "NC", "O"), sum("UH", "UO")];
const CONTACTED = [sum("I", "P"), sum("R"), sum("O")];

const DEFINITIONS: { code: RateCode; name: string; numerator: Term; denominator: Term[] }[] = [
  { code: "RR1", name: "Response rate 1 (completes only)", numerator: sum("I"), denominator: ALL_CASES },
  { code: "RR2", name: "Response rate 2 (completes and partials)", numerator: sum("I", "P"), denominator: ALL_CASES },
  { code: "COOP1", name: "Cooperation rate 1 (completes only)", numerator: sum("I"), denominator: CONTACTED },
  {
    code: "COOP2",
    name: "Cooperation rate 2 (completes and partials)",
    numerator: sum("I", "P"),
    denominator: CONTACTED,
  },
  { code: "REF1", name: "Refusal rate 1", numerator: sum("R"), denominator: ALL_CASES },
];

export function aaporRates(d: Dispositions): Rate[] {
  return DEFINITIONS.map(({ code, name, numerator, denominator }) => {
    const top = numerator.value(d);
    const bottom = denominator.reduce((total, term) => total + term.value(d), 0);
    const bottomSymbols = denominator.map((t) => t.symbols).join(" + ");
    const bottomShown = denominator.map((t) => t.shown(d)).join(" + ");
    return {
      code,
      name,
      formula: `${code} = ${numerator.symbols} / (${bottomSymbols})`,
      worked: `${numerator.shown(d)} / (${bottomShown}) = ${top} / ${bottom}`,
      numerator: top,
      denominator: bottom,
      value: bottom > 0 ? top / bottom : null,
    };
  });
}

/** One rate's value, for the tables by group. */
export function rateValue(code: RateCode, d: Dispositions): number | null {
  return aaporRates(d).find((r) => r.code === code)!.value;
}
