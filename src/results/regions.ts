// US Census Bureau regions, from the agency's state (USPS code). DC counts with
// the South, as the Census Bureau counts it.
export type Region = { code: string; label: string; states: readonly string[] };

export const REGIONS: readonly Region[] = [
  { code: "NORTHEAST", label: "Northeast", states: ["CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA"] },
  {
    code: "MIDWEST",
    label: "Midwest",
    states: ["IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD"],
  },
  {
    code: "SOUTH",
    label: "South",
    states: ["DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV", "AL", "KY", "MS", "TN", "AR", "LA", "OK", "TX"],
  },
  {
    code: "WEST",
    label: "West",
    states: ["AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA"],
  },
];

/** Territories and anything else outside the 50 states and DC. */
export const OTHER_REGION: Region = { code: "OTHER", label: "Outside the 50 states and DC", states: [] };

export function regionOf(state: string): Region {
  return REGIONS.find((r) => r.states.includes(state)) ?? OTHER_REGION;
}

export function findRegion(code: string): Region | undefined {
  return [...REGIONS, OTHER_REGION].find((r) => r.code === code);
}
