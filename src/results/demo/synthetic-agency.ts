// A synthetic law-enforcement agency: state weighted by population, type by
// the shares of the IACP's 2015 survey, sworn officers skewed small (most US
// agencies have fewer than 25 officers, a few have thousands).
import { clamp, type Random } from "./random.js";

export type SyntheticAgency = {
  name: string;
  state: string;
  agencyType: string;
  swornOfficers: number | null;
  populationServed: number | null;
};

/** IACP 2015: municipal 86.6%, sheriff 2.7%, county 1.8%, state 1.8%, federal 0.2%, tribal 0.9%, university 4.7%, school 0.2%, transportation 0.5%, other 0.5%. */
const TYPES: readonly { code: string; share: number; median: number; spread: number; name: string }[] = [
  { code: "MUNICIPAL", share: 86.6, median: 22, spread: 1.25, name: "Police Department" },
  { code: "SHERIFF", share: 2.7, median: 60, spread: 1.2, name: "County Sheriff's Office" },
  { code: "COUNTY", share: 1.8, median: 80, spread: 1.2, name: "County Police" },
  { code: "STATE", share: 1.8, median: 700, spread: 0.9, name: "State Police" },
  { code: "FEDERAL", share: 0.2, median: 400, spread: 1.3, name: "Federal Police Service" },
  { code: "TRIBAL", share: 0.9, median: 12, spread: 0.8, name: "Tribal Police" },
  { code: "UNIVERSITY", share: 4.7, median: 18, spread: 0.8, name: "University Police" },
  { code: "SCHOOL", share: 0.2, median: 8, spread: 0.8, name: "School District Police" },
  { code: "TRANSPORTATION", share: 0.5, median: 40, spread: 1.0, name: "Transit Police" },
  { code: "OTHER", share: 0.5, median: 15, spread: 1.0, name: "Public Safety Department" },
];

/** Resident population in 2016, in hundred thousands: agencies follow people. */
const STATE_WEIGHTS: Readonly<Record<string, number>> = {
  AL: 49,
  AK: 7,
  AZ: 69,
  AR: 30,
  CA: 392,
  CO: 55,
  CT: 36,
  DE: 9,
  DC: 7,
  FL: 206,
  GA: 103,
  HI: 14,
  ID: 17,
  IL: 128,
  IN: 66,
  IA: 31,
  KS: 29,
  KY: 44,
  LA: 47,
  ME: 13,
  MD: 60,
  MA: 68,
  MI: 99,
  MN: 55,
  MS: 30,
  MO: 61,
  MT: 10,
  NE: 19,
  NV: 29,
  NH: 13,
  NJ: 89,
  NM: 21,
  NY: 197,
  NC: 101,
  ND: 8,
  OH: 116,
  OK: 39,
  OR: 41,
  PA: 128,
  RI: 11,
  SC: 50,
  SD: 9,
  TN: 66,
  TX: 279,
  UT: 30,
  VT: 6,
  VA: 84,
  WA: 73,
  WV: 18,
  WI: 58,
  WY: 6,
};
const STATE_CODES = Object.keys(STATE_WEIGHTS);
const STATE_SHARES = Object.values(STATE_WEIGHTS);

const PLACE_START = [
  "Spring",
  "Oak",
  "Maple",
  "River",
  "Lake",
  "Fair",
  "Green",
  "Cedar",
  "Clear",
  "Mill",
  "Pine",
  "Elm",
  "Ash",
  "Brook",
  "Glen",
  "Rock",
  "Wood",
  "Stone",
  "Ridge",
  "Bay",
];
const PLACE_END = [
  "field",
  "ville",
  "ton",
  "wood",
  "dale",
  "port",
  "burg",
  "view",
  "ford",
  "haven",
  "mont",
  "side",
  "land",
  "creek",
  "bridge",
];

export function syntheticAgency(random: Random, serial: number): SyntheticAgency {
  const type = TYPES[random.weighted(TYPES.map((t) => t.share))]!;
  const state = STATE_CODES[random.weighted(STATE_SHARES)]!;
  // log-normal around the type's median; 2% of the frame does not know its number
  const sworn = random.chance(0.02)
    ? null
    : Math.round(clamp(type.median * Math.exp(type.spread * random.normal()), 1, 40_000));
  const residents = ["UNIVERSITY", "SCHOOL", "TRANSPORTATION", "FEDERAL"].includes(type.code)
    ? null
    : Math.round((sworn ?? 20) * 450 * Math.exp(0.4 * random.normal()));
  const place = `${random.pick(PLACE_START)}${random.pick(PLACE_END)}`;
  return {
    name: `${place} ${type.name} (synthetic ${String(serial).padStart(6, "0")})`,
    state,
    agencyType: type.code,
    swornOfficers: sworn,
    populationServed: residents,
  };
}

/** 0 for the smallest agencies, 1 for those with about 3,000 officers or more: drives the correlations. */
export function sizeFactor(sworn: number | null): number {
  return clamp((Math.log10((sworn ?? 20) + 1) - 1) / 2.5, 0, 1);
}
